import { randomUUID } from 'node:crypto';
import { heartbeat } from '@temporalio/activity';
import type { WorkflowService } from '@temporalio/client';
import type { KeyEncryptionKeyRotation, KeyRetentionActivities } from '.';
import type { CaseIndexStore } from '../src/case-index/case-index-store';
import type { CaseKeys } from '../src/crypto/case-keys';
import { POLICY } from '../src/domain/policy';
import type { AuditLog } from '../src/audit/audit-log';
import { isNotFound } from '../src/temporal/not-found';

const PAGE = 100;

export interface KeyRetentionDeps {
  caseKeys: CaseKeys;
  caseIndex: CaseIndexStore;
  workflowService: WorkflowService;
  namespace: string;
  audit: AuditLog;
}

/** An audit line of the sweep's own (no principal: the schedule's). */
function audited(audit: AuditLog, caseId: string | null, action: string): void {
  const id = randomUUID();
  audit.write({
    time: new Date().toISOString(),
    requestId: id,
    traceId: id,
    principalId: null,
    role: 'key-retention',
    caseId,
    action,
    result: 200,
  });
}

/**
 * Temporal deletes a closed case when the namespace retention ends; this destroys its key after it, so the copies
 * Temporal cannot delete (backups, exports) become unreadable too. Asking Temporal, rather than counting days
 * here, also destroys the keys of cases an admin erased, should a restored backup of the key store bring them back.
 */
export function createKeyRetentionActivities(deps: KeyRetentionDeps): KeyRetentionActivities {
  const stillHeld = async (caseId: string): Promise<boolean> => {
    try {
      await deps.workflowService.describeWorkflowExecution({
        namespace: deps.namespace,
        execution: { workflowId: caseId },
      });
      return true;
    } catch (err) {
      if (isNotFound(err)) return false;
      throw err;
    }
  };
  return {
    async eraseKeysOfDeletedCases(): Promise<number> {
      // A namespace that is not there (a typo, a deployment on another server) would make every case look deleted.
      await deps.workflowService.describeNamespace({ namespace: deps.namespace });
      const before = new Date(Date.now() - POLICY.caseKeys.youngerKeptHours * 3_600_000);
      let erased = 0;
      let after = '';
      for (;;) {
        const page = await deps.caseKeys.liveBefore(before, after, PAGE);
        for (const caseId of page) {
          if (await stillHeld(caseId)) continue;
          if ((await deps.caseKeys.erase(caseId, 'retention')) !== 'erased') continue;
          // Its index rows go with its key: the index holds exactly the cases Temporal holds.
          await deps.caseIndex.remove(caseId);
          erased += 1;
          audited(deps.audit, caseId, 'erase-case-key');
        }
        if (page.length < PAGE) return erased;
        after = page.at(-1)!;
        heartbeat(after);
      }
    },

    /**
     * A database does not forget a destroyed key's bytes (PostgreSQL's log, replicas, backups): they open no more once
     * the key-encryption key they were wrapped under is destroyed, which a rotation does.
     */
    async rotateKeyEncryptionKey(): Promise<KeyEncryptionKeyRotation> {
      const again = await deps.caseKeys.replayErasures();
      for (const caseId of again) audited(deps.audit, caseId, 'replay-erasure');
      const replayed = again.length;
      if ((await deps.caseKeys.erasuresPending()).length === 0) {
        // Nothing to make hold: only the keys from before key-encryption keys are moved under the current one.
        const rewrapped = await deps.caseKeys.rewrap((n) => heartbeat(n));
        return { replayed, rotated: false, rewrapped, destroyed: 0 };
      }
      const rotation = await deps.caseKeys.rotateKeyEncryptionKey((n) => heartbeat(n));
      audited(deps.audit, null, 'rotate-key-encryption-key');
      return { replayed, rotated: true, rewrapped: rotation.rewrapped, destroyed: rotation.destroyed.length };
    },
  };
}
