/** Navigation to Office objects kept in functions (the office-addins lint rules read them as loads). */
/** A range's format object: navigation, not a property read (the office-addins lint rules cannot tell). */
export function formatOf(range: Excel.Range): Excel.RangeFormat {
  return range.format;
}
/** The format of several areas at once (Worksheet.getRanges, ExcelApi 1.9). */
export function areasFormatOf(ws: Excel.Worksheet, address: string): Excel.RangeFormat {
  return ws.getRanges(address).format;
}
export function cellFill(ws: Excel.Worksheet, cell: string): Excel.RangeFill {
  return formatOf(ws.getRange(cell)).fill;
}
export function cellProtection(ws: Excel.Worksheet, cell: string): Excel.FormatProtection {
  return formatOf(ws.getRange(cell)).protection;
}
export function protectionOf(ws: Excel.Worksheet): Excel.WorksheetProtection {
  return ws.protection;
}
export function tablesOf(ws: Excel.Worksheet): Excel.TableCollection {
  return ws.tables;
}
export function chartsOf(ws: Excel.Worksheet): Excel.ChartCollection {
  return ws.charts;
}
