// Loaded synchronously as the first thing in <body>, so GOV.UK Frontend's JavaScript-only
// styles apply before first paint. It is a file, not an inline script, so that a strict
// Content-Security-Policy (script-src 'self') can forbid inline scripts.
document.body.className +=
  " js-enabled" +
  ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
