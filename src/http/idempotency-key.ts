import type { Request } from 'express';
import { idempotencyHeaderSchema } from '../domain/schemas/api';
import { parseOr400 } from './validate';

/** The Idempotency-Key header, checked against the schema the OpenAPI document gives (400 otherwise). */
export const idempotencyKeyOf = (req: Request): string | undefined =>
  parseOr400(idempotencyHeaderSchema, { 'Idempotency-Key': req.header('idempotency-key') }, 'header')[
    'Idempotency-Key'
  ];
