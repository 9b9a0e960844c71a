import { documentCodec } from './codec-router';
import { assembleOpenApi30, assembleOpenApi31, type DocumentedPart } from './openapi';
import { documentCalendars } from './routes/calendars';
import { documentCases } from './routes/cases';
import { documentErasure } from './routes/erasure';
import { documentMonitoring } from './routes/monitoring';
import { documentProsecutor } from './routes/prosecutor';
import { documentStatistics } from './routes/statistics';
import { documentTasks } from './routes/tasks';

/** Every part of the API, each describing its own routes; the calendars and statistics are documented even where they are off. */
const PARTS: readonly DocumentedPart[] = [
  documentCases,
  documentErasure,
  documentProsecutor,
  documentTasks,
  documentStatistics,
  documentCalendars,
  documentCodec,
  documentMonitoring,
];

/** The API's OpenAPI 3.1 document; `serverUrl`: PUBLIC_BASE_URL. */
export const openApiDocument = (serverUrl?: string) => assembleOpenApi31(PARTS, serverUrl);

/** The same document in OpenAPI 3.0. */
export const openApi30Document = (serverUrl?: string) => assembleOpenApi30(PARTS, serverUrl);
