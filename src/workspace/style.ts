import type { RequestHandler } from 'express';

/** The workspace's one stylesheet, served from /workspace/style.css (the CSP allows no inline style). */
export const STYLESHEET = `
:root { font-family: system-ui, sans-serif; line-height: 1.5; color: #1b1b1b; background: #fff; }
body { margin: 0; }
header { display: grid; grid-template-columns: auto 1fr auto; grid-template-areas: "app languages account" "nav nav nav"; gap: 0 2rem; align-items: center; padding: .75rem 1.5rem; background: #0b3d66; color: #fff; }
header a, header .app { color: #fff; }
header .app { grid-area: app; font-weight: 700; margin: 0; }
header > nav:not(.languages) { grid-area: nav; margin-top: .5rem; }
header .languages { grid-area: languages; justify-self: end; }
.sign-out { grid-area: account; }
header ul { display: flex; flex-wrap: wrap; gap: .25rem 1rem; list-style: none; margin: 0; padding: 0; }
header a[aria-current] { font-weight: 700; text-decoration-thickness: 3px; }
main { max-width: 64rem; padding: 1rem 1.5rem 3rem; }
a { color: #0b4f8a; }
a:focus, button:focus, input:focus, select:focus, textarea:focus { outline: 3px solid #f2a900; outline-offset: 2px; }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 1rem; top: 1rem; background: #fff; color: #000; padding: .5rem; z-index: 1; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1.5rem; }
th, td { text-align: left; padding: .4rem .6rem; border-bottom: 1px solid #c9c9c9; vertical-align: top; }
tr.escalated td { background: #fff4d6; }
dl div { display: grid; grid-template-columns: 14rem minmax(0, 1fr); gap: 1rem; } dt { font-weight: 600; } dd { margin: 0; overflow-wrap: anywhere; }
.field { margin: 0 0 1rem; border: 0; padding: 0; }
.field label, .field legend { display: block; font-weight: 600; margin-bottom: .25rem; }
.field label.choice { display: inline-block; font-weight: 400; margin-right: 1.5rem; }
input[type=text], select, textarea { font: inherit; padding: .35rem; border: 1px solid #595959; border-radius: 3px; min-width: 18rem; }
input[aria-invalid=true], select[aria-invalid=true], textarea[aria-invalid=true] { border: 2px solid #b00020; }
.field.has-error { border-left: 5px solid #b00020; padding-left: .75rem; }
.field-error { color: #b00020; font-weight: 700; margin: 0 0 .35rem; }
.hint { color: #505a5f; margin: 0 0 .35rem; }
.date-input { display: flex; flex-wrap: wrap; gap: 1rem; }
.date-input .date-part label { font-weight: 400; }
.date-input input.day-month { min-width: 0; width: 3.5rem; }
.date-input input.year { min-width: 0; width: 5.5rem; }
button, .button { font: inherit; background: #0b4f8a; color: #fff; border: 0; border-radius: 3px; padding: .5rem 1rem; cursor: pointer; text-decoration: none; display: inline-block; }
header button { background: #fff; color: #0b3d66; }
.error-summary { border: 5px solid #b00020; padding: .75rem 1rem; margin-bottom: 1.5rem; }
.error-summary:focus { outline: 3px solid #f2a900; outline-offset: 0; }
.error-summary h2 { margin-top: 0; }
.error-summary ul { list-style: none; padding: 0; margin: 0; }
.error-summary a { color: #b00020; font-weight: 700; }
.notice { border-left: 6px solid #1e7b34; background: #e9f6ec; padding: .5rem 1rem; }
.filters { display: flex; flex-wrap: wrap; gap: 1rem; align-items: end; }
.actions { display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; padding-left: 1.2rem; }
@media (max-width: 40rem) {
  header { grid-template-columns: minmax(0, 1fr); grid-template-areas: "app" "account" "languages" "nav"; gap: .5rem; }
  header .languages { justify-self: start; }
  dl div { grid-template-columns: minmax(0, 1fr); gap: 0; margin-bottom: .5rem; }
}
`;

export const serveStylesheet: RequestHandler = (_req, res) => {
  res.set('Cache-Control', 'public, max-age=3600').type('text/css').send(STYLESHEET);
};
