/**
 * The one place that reaches into the SDK outside its public API. A page of `listWorkflowExecutions` (the
 * raw call, the only one that hands back the page token the API's cursors need) carries each execution's
 * search attributes as payloads; the client decodes them only inside its own `list()`, with this function.
 * test/unit/listed-search-attributes.test.ts pins what it does, so an SDK upgrade that moves or changes it
 * fails there first.
 */
import type { Payload, TypedSearchAttributes } from '@temporalio/common';
import { decodeTypedSearchAttributes } from '@temporalio/common/lib/converter/payload-search-attributes';

/** The typed search attributes of one listed execution (`searchAttributes.indexedFields`); those without a type are skipped. */
export function listedSearchAttributes(
  indexedFields: Record<string, Payload> | null | undefined,
): TypedSearchAttributes {
  return decodeTypedSearchAttributes(indexedFields);
}
