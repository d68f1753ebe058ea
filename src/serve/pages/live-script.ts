/**
 * The dashboard's only script: it listens to the page's server-sent events
 * (`/p/N/events`) and writes each run's evaluation count and status into the
 * elements marked `data-live`. It sets textContent only, never markup; when a
 * run's status changes it reloads the page for the new charts.
 */
export const LIVE_SCRIPT = `(() => {
  const problem = location.pathname.match(/^\\/p\\/(\\d+)/);
  if (!problem || !window.EventSource) return;
  const events = new EventSource("/p/" + problem[1] + "/events");
  events.addEventListener("runs", (event) => {
    for (const run of JSON.parse(event.data)) {
      const count = document.querySelector('[data-live="run-' + run.id + '-evaluated"]');
      if (count) count.textContent = String(run.evaluated);
      const status = document.querySelector('[data-live="run-' + run.id + '-status"]');
      if (status && status.textContent !== run.status) location.reload();
    }
  });
})();`;
