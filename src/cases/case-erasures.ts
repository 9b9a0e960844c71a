import { addDays, dateAt, type IsoDate } from '../domain/calendar';
import type { Principal } from '../identity/principals';
import { formatLegalDate } from '../i18n/facts';
import type { CaseGateway, ErasureStores } from './case-gateway';
import type { ErasureRecord, ErasureRecords } from './erasure-records';
import { ServiceProblem } from './problems';

/** An erasure a second admin confirmed: the record holds what it did. */
export type ConfirmedErasure = ErasureRecord & { confirmed: NonNullable<ErasureRecord['confirmed']> };

/** Where a file's erasure stands, for an admin reading it. */
export type ErasureStanding =
  | { kind: 'running' }
  | { kind: 'waiting'; from: IsoDate }
  | { kind: 'requestable' }
  | { kind: 'pending'; requestedById: string; requestedAt: string };

const notRequested = () => new ServiceProblem('erasureNotRequested', (p) => p.problems.erasureNotRequested);

/**
 * Erasure with four eyes (CONTRACT.md `erasure`, `erasure/confirm`): an admin requests the erasure of a case that
 * ended at least the waiting period ago, another admin confirms it, and only then is the case erased. Both faces,
 * the API and the pages, go through here; the requests are in the service's database, seen by every process.
 */
export class CaseErasures {
  constructor(
    private readonly o: {
      gateway: CaseGateway;
      stores: ErasureStores;
      records: ErasureRecords;
      /** ERASURE_WAITING_DAYS: days after the case's end before its erasure may be requested. */
      waitingDays: number;
    },
  ) {}

  /** The first day the erasure of this case may be requested; refused while it runs, 404 for no such case. */
  private async requestableFrom(caseId: string): Promise<IsoDate> {
    return addDays(await this.o.gateway.endedOn(caseId), this.o.waitingDays);
  }

  /** Requests the erasure; a request already on record (this admin's or another's) is answered as it stands. */
  async request(caseId: string, by: Principal): Promise<ErasureRecord> {
    const known = await this.o.records.of(caseId);
    if (known) return known;
    const from = await this.requestableFrom(caseId);
    if (dateAt(Date.now()) < from) {
      const days = this.o.waitingDays;
      throw new ServiceProblem('erasureTooEarly', (p) =>
        p.problems.erasureTooEarly(days, formatLegalDate(from, p.locale)),
      );
    }
    return this.o.records.request(caseId, by.id, new Date());
  }

  /**
   * Erases the case, as another admin than the one who requested it. Done already (a retry, or another admin's
   * confirmation a moment before), it answers the erasure on record, with the day it took effect as known now. An
   * erasure cut short before its record (a crash) is done again by the next confirmation: the key found destroyed,
   * whatever run is left deleted.
   */
  async confirm(caseId: string, by: Principal): Promise<ConfirmedErasure> {
    const known = await this.o.records.of(caseId);
    if (!known) throw notRequested();
    if (known.confirmed) return this.asItStands(known as ConfirmedErasure);
    if (known.requestedById === by.id)
      throw new ServiceProblem('secondAdminRequired', (p) => p.problems.secondAdminRequired);
    if (!(await this.o.records.claim(caseId, by.id))) {
      // Withdrawn, or confirmed by another admin, since it was read.
      const now = await this.o.records.of(caseId);
      if (!now) throw notRequested();
      if (now.confirmed) return this.asItStands(now as ConfirmedErasure);
    }
    const erasure = await this.o.gateway.erase(caseId, this.o.stores);
    return (await this.o.records.confirm(caseId, by.id, erasure)) as ConfirmedErasure;
  }

  /** An erasure on record with the day it took effect, which a daily sweep may have made known since. */
  private async asItStands(done: ConfirmedErasure): Promise<ConfirmedErasure> {
    const effectiveOn = await this.o.stores.caseKeys.erasureEffectiveOn(done.caseId);
    return { ...done, confirmed: { ...done.confirmed, erasure: { ...done.confirmed.erasure, effectiveOn } } };
  }

  /** Takes a pending request back (any admin may); an erasure done cannot be. */
  async withdraw(caseId: string): Promise<void> {
    if (!(await this.o.records.withdraw(caseId))) throw notRequested();
  }

  /** Where the erasure of a case with an outcome stands: what the case page offers an admin. */
  async standing(caseId: string): Promise<ErasureStanding> {
    const known = await this.o.records.of(caseId);
    if (known && !known.confirmed)
      return { kind: 'pending', requestedById: known.requestedById, requestedAt: known.requestedAt };
    try {
      const from = await this.requestableFrom(caseId);
      return dateAt(Date.now()) < from ? { kind: 'waiting', from } : { kind: 'requestable' };
    } catch (err) {
      // An outcome is not the end: a residence granted without identity proof runs on until the proof is recorded.
      if (err instanceof ServiceProblem && err.kind === 'caseStillRunning') return { kind: 'running' };
      throw err;
    }
  }

  /** The request on record for this case, pending or confirmed. */
  recordOf(caseId: string): Promise<ErasureRecord | undefined> {
    return this.o.records.of(caseId);
  }

  /** The requests that wait for a second admin. */
  pending(): Promise<ErasureRecord[]> {
    return this.o.records.pending();
  }
}
