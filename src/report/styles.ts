/** The stylesheet of the dashboard and the report, inlined (no file or CDN to fetch). */
export const STYLES = `
body{font:14px/1.45 system-ui,sans-serif;margin:0;color:#1d1d1f;background:#fafafa}
header{background:#1f2937;color:#fff;padding:8px 16px;display:flex;gap:16px;align-items:baseline;flex-wrap:wrap}
header a{color:#e5e7eb}header b{font-size:16px}
main{padding:12px 16px;max-width:1100px}
h1{font-size:20px}h2{font-size:17px;margin-top:24px}h3{font-size:15px;margin:16px 0 4px}
table{border-collapse:collapse;margin:4px 0}td,th{border:1px solid #ddd;padding:3px 8px;text-align:left;vertical-align:top}
td.n{text-align:right;font-variant-numeric:tabular-nums}
pre{background:#fff;border:1px solid #ddd;padding:8px;overflow:auto;font:12px/1.4 ui-monospace,monospace}
pre.wrap{white-space:pre-wrap}
.diff>span{display:inline-block;min-width:100%}.diff .add{background:#e6ffec}.diff .del{background:#ffebe9}
.diff .hunk{color:#6f42c1}.diff .meta{color:#666}
.code .ln{color:#999;user-select:none}
.hljs-keyword,.hljs-built_in,.hljs-type,.hljs-literal{color:#cf222e}.hljs-string,.hljs-regexp{color:#0a3069}
.hljs-number{color:#0550ae}.hljs-comment{color:#6e7781;font-style:italic}.hljs-title,.hljs-title.function_{color:#8250df}
.hljs-params,.hljs-variable,.hljs-attr,.hljs-property{color:#953800}.hljs-meta{color:#116329}
mark.hidden{background:#b91c1c;color:#fff;border-radius:2px;padding:0 2px}
.status{border-radius:3px;padding:0 5px;font-size:12px;background:#e5e7eb}
.status.open,.status.pass,.status.approve,.status.running{background:#dbeafe}
.status.deployed,.status.finished{background:#dcfce7}.status.superseded{background:#fef3c7}
.result.superseded{background:#fef3c7}details.superseded{margin:8px 0}
.status.blocked,.status.fail,.status.error,.status.reject,.status.rejected,.status.failed{background:#fee2e2}
.muted{color:#6b7280}code.hash{font-size:12px;word-break:break-all}
.chart svg{background:#fff;border:1px solid #ddd;max-width:100%;height:auto}
.chart .frame{fill:none;stroke:#eee}.chart .tick{font-size:10px;fill:#555}
.chart path{fill:none;stroke-width:1.5}.chart path.best{stroke:#2563eb}.chart path.median{stroke:#9ca3af;stroke-dasharray:3 3}
.chart path.champion{stroke:#f59e0b;stroke-width:2}.chart .deploy line{stroke:#16a34a;stroke-dasharray:4 2}.chart .deploy text{font-size:10px;fill:#16a34a}
.legend span{margin-right:12px;font-size:12px}.legend .best{color:#2563eb}.legend .median{color:#6b7280}.legend .champion{color:#b45309}.legend .deploy{color:#16a34a}
.islands{display:flex;flex-wrap:wrap;gap:0 32px}
.grid td{width:18px;height:18px;padding:0;border:1px solid #eee}.grid td a{display:block;width:100%;height:100%}
.lineage ul{list-style:none;padding-left:18px;border-left:1px dashed #ccc}
form.verdict{background:#fff;border:1px solid #ddd;padding:8px;margin:12px 0}
form.verdict input[name=hash]{font-family:monospace;width:8em}
.result{padding:8px;border-radius:4px}.result.ok{background:#dcfce7}.result.failed{background:#fee2e2}
`;
