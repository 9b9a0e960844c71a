/**
 * What a failed SMTP send means for the notice. nodemailer's messages and
 * server responses often quote the recipient's address, so only codes are
 * kept: a failure's description may go into logs and workflow history.
 */
export type SmtpFailureKind =
  /** The recipient's address was refused for good (5xx on RCPT TO or DATA): retrying cannot help. */
  | 'rejected'
  /** This recipient was deferred (4xx on RCPT TO or DATA): try the others, then retry. */
  | 'deferred'
  /** The relay could not be reached or refused the session: every recipient would fail the same way. */
  | 'unreachable';

export interface SmtpFailure {
  kind: SmtpFailureKind;
  /** Codes only, e.g. "EENVELOPE 550", "ESOCKET ECONNREFUSED". */
  description: string;
}

interface NodemailerError {
  code?: unknown;
  responseCode?: unknown;
  command?: unknown;
  message?: unknown;
}

const PER_RECIPIENT_COMMANDS = new Set(['RCPT TO', 'DATA']);

export function classifySmtpFailure(error: unknown): SmtpFailure {
  const e = (typeof error === 'object' && error !== null ? error : {}) as NodemailerError;
  const code = typeof e.code === 'string' ? e.code : 'ERROR';
  const responseCode = typeof e.responseCode === 'number' ? e.responseCode : undefined;
  const command = typeof e.command === 'string' ? e.command : undefined;
  const perRecipient = code === 'EMESSAGE' || (command !== undefined && PER_RECIPIENT_COMMANDS.has(command));
  // The system error name (ECONNREFUSED, ETIMEDOUT...) says what happened without saying to whom.
  const systemError = typeof e.message === 'string' ? /\bE[A-Z]{3,}\b/.exec(e.message)?.[0] : undefined;
  const description = [code, responseCode ?? (systemError !== code ? systemError : undefined)]
    .filter(Boolean)
    .join(' ');

  if (responseCode !== undefined && perRecipient) {
    return { kind: responseCode >= 500 ? 'rejected' : 'deferred', description };
  }
  // nodemailer refuses an address it cannot even parse before talking to the relay.
  if (code === 'EENVELOPE' && responseCode === undefined) return { kind: 'rejected', description };
  return { kind: 'unreachable', description };
}
