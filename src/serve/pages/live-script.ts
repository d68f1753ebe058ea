/**
 * The dashboard's only script: it listens to the page's server-sent events
 * (`/p/N/events`) and writes each run's evaluation count and status into the
 * elements marked `data-live`. It sets textContent only, never markup; when a
 * run's status changes, or (on the problem's page) a run starts that the page
 * does not show yet, it reloads the page for the new rows and charts.
 */
export const LIVE_SCRIPT = `(() => {
  const problem = location.pathname.match(/^\\/p\\/(\\d+)(\\/?)$|^\\/p\\/(\\d+)\\//);
  if (!problem || !window.EventSource) return;
  const home = problem[1] !== undefined;
  const events = new EventSource("/p/" + (problem[1] || problem[3]) + "/events");
  events.addEventListener("runs", (event) => {
    for (const run of JSON.parse(event.data)) {
      const count = document.querySelector('[data-live="run-' + run.id + '-evaluated"]');
      if (count) count.textContent = String(run.evaluated);
      const status = document.querySelector('[data-live="run-' + run.id + '-status"]');
      if (status && status.textContent !== run.status) location.reload();
      if (home && !count && run.status === "running") location.reload();
    }
  });
})();`;
