import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import express, { Router } from 'express';
import { absolutePath } from 'swagger-ui-dist';

// Served from npm's swagger-ui-dist: the page works offline, nothing comes from a CDN.
const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Victim case orchestration API</title>
<link rel="stylesheet" href="/docs/assets/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script src="/docs/init.js"></script></body></html>`;

// A separate file rather than an inline script, so the Content-Security-Policy can stay 'self' only.
const INIT = `window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#swagger-ui', persistAuthorization: false });`;

export function docsRouter(): Router {
  const r = Router();
  const assets = absolutePath();
  readFileSync(join(assets, 'swagger-ui-bundle.js')); // fail at start, not on first visit, if the package is missing
  r.get('/docs', (_req, res) => res.type('html').send(PAGE));
  r.get('/docs/init.js', (_req, res) => res.type('js').send(INIT));
  r.use('/docs/assets', express.static(assets, { index: false, maxAge: '1h' }));
  return r;
}
