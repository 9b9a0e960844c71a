import type { CaseState } from './state';

/**
 * What the Web UI shows of a run of a case: its id, centre, track and stage, never personal data. The first
 * run's static summary at start; every run's current details (continue-as-new carries no static summary).
 */
export function runSummary(s: CaseState): string {
  const track = s.unaccompaniedMinor ? 'unaccompanied minor' : 'adult';
  const where = s.outcome ? `closed: ${s.outcome}` : `stage ${s.stage}`;
  return `${s.caseId} · centre ${s.centre} · ${track} track · ${where}`;
}
