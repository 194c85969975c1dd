// The script of examples/portal.strict-csp.html: records every Content-Security-Policy
// violation and every event (for the end-to-end tests), then loads the widget the way the
// README's embedding order says: element in the markup, init(), then the token provider.
window.violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.violations.push({ directive: event.violatedDirective, blocked: event.blockedURI });
});
window.events = [];
for (const name of ["enrollments-loaded", "enrollments-error"]) {
  document.addEventListener(name, (event) => window.events.push({ name, detail: event.detail }));
}

const { default: init } = await import("../pkg/enrollment_cards.js");
await init();
document.getElementById("cards").tokenProvider = async () => "demo-token";
window.ready = true;
