// exceljs adds about 26 MB to the process; it is loaded the first time a spreadsheet is read or written,
// not at start-up, since most of a shop's day has none.
export async function loadExcel(): Promise<typeof import('exceljs')> {
  const module = await import('exceljs');
  return (module as { default?: typeof import('exceljs') }).default ?? module;
}
