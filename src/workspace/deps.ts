import type { PayloadCodec } from '@temporalio/common';
import type { Logger } from 'pino';
import type { CaseGateway } from '../cases/case-gateway';
import type { CaseErasures } from '../cases/case-erasures';
import type { CaseIndexStore } from '../case-index/case-index-store';
import type { ReferenceIndex } from '../crypto/reference-index';
import type { Principals } from '../identity/principals';
import type { OidcSignIn } from './oidc';
import type { SessionOptions } from './session';
import type { SessionRecords } from './session-records';

export interface WorkspaceDeps {
  gateway: CaseGateway;
  /** Erasure with four eyes: an admin requests it, another confirms it; the record the file's page shows after. */
  erasures: CaseErasures;
  caseIndex: CaseIndexStore;
  principals: Principals;
  referenceIndex: ReferenceIndex;
  /** Seals the lists' cursors (bound-cursor.ts), as the API's. */
  codec: PayloadCodec;
  oidc: OidcSignIn;
  session: SessionOptions;
  /** The signed-in sessions on record (SERVICE_DATABASE): sign-out ends one for every API process. */
  sessions: SessionRecords;
  logger: Logger;
}
