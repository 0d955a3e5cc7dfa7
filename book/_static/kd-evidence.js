/* The evidence table (book/evidence/search): sorting, a search box over every column and one
   filter per coded column, with DataTables from the itables package, loaded offline: the bundle
   travels as base64 in kd-datatables.js (written at build time) and is imported from a blob: URL,
   which a page opened from file:// may do. Without JavaScript the table stays a plain table. */
(async () => {
  const table = document.getElementById("kd-evidence");
  if (!table || !window.KD_DATATABLES) return;
  const url = URL.createObjectURL(new Blob([atob(window.KD_DATATABLES)], {type: "application/javascript"}));
  const { default: DataTable } = await import(url);
  URL.revokeObjectURL(url);
  const filtered = ["kind", "topic", "source", "status", "conflict group"];
  const heads = [...table.tHead.rows[0].cells].map(th => th.textContent.trim());
  const dt = new DataTable(table, {pageLength: 25, lengthMenu: [10, 25, 100, 1000], order: [], autoWidth: false});
  const bar = document.createElement("div");
  bar.className = "kd-filters";
  for (const name of filtered) {
    const col = dt.column(heads.indexOf(name));
    const select = document.createElement("select");
    select.setAttribute("aria-label", "filter by " + name);
    select.dataset.column = name;
    select.append(new Option("any " + name, ""));
    const values = [...new Set(col.nodes().toArray().map(td => td.textContent.trim()).filter(v => v))].sort();
    for (const v of values) select.append(new Option(v, v));
    select.addEventListener("change", () => {
      const v = select.value;
      col.search(v ? "^" + DataTable.util.escapeRegex(v) + "$" : "", true, false).draw();
    });
    bar.append(select);
  }
  table.closest(".kd-table").before(bar);
  document.body.dataset.evidenceTable = "ready";  // for the browser test
})();
