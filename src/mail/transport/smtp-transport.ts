import nodemailer, { type Transporter } from 'nodemailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool';

export type SmtpTransport = Transporter<SMTPPool.SentMessageInfo>;
export type SmtpOptions = SMTPPool.Options;

/**
 * nodemailer waits minutes by default; an activity attempt must fail fast enough
 * for Temporal's retry policy, not nodemailer's patience, to pace the retries.
 */
const SMTP_TIMEOUTS: SmtpOptions = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

/**
 * Pooled: a burst of notices (every deadline of a day falls due at the same
 * midnight) reuses a few open relay connections instead of a TCP and SMTP
 * handshake per mail. Close it when the worker stops.
 */
export function createSmtpTransport(options: SmtpOptions): SmtpTransport {
  return nodemailer.createTransport({ ...SMTP_TIMEOUTS, pool: true, maxConnections: 5, ...options });
}
