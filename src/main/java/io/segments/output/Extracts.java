package io.segments.output;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * Files for people and spreadsheets, written on the driver from rows streamed one partition at a
 * time (toLocalIterator), so a million-row extract never sits in memory whole. Each file is written
 * beside its place and renamed into it: a reader finds the old file or the new one.
 */
public final class Extracts {
  /** The most rows one xlsx sheet holds, header included. */
  public static final int MAX_SHEET_ROWS = 1_048_576;

  private Extracts() {}

  /**
   * CSV with a header line, UTF-8 with a byte order mark so that spreadsheet programs read Chinese
   * labels right; values quoted where CSV needs it, null as empty.
   */
  public static void csv(Dataset<Row> rows, Path file) {
    replacing(file, out -> {
      Writer writer = new BufferedWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8));
      writer.write('\ufeff');
      writer.write(String.join(",", java.util.Arrays.stream(rows.columns()).map(Extracts::quoted).toList()));
      writer.write("\r\n");
      Iterator<Row> iterator = rows.toLocalIterator();
      while (iterator.hasNext()) {
        Row row = iterator.next();
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < row.size(); i++) {
          line.append(i == 0 ? "" : ",").append(row.isNullAt(i) ? "" : quoted(String.valueOf(row.get(i))));
        }
        writer.write(line.append("\r\n").toString());
      }
      writer.flush();
    });
  }

  /**
   * One workbook, a sheet per entry (name → rows) with a frozen, bold header row; columns named in
   * {@code percentColumns} show as percentages.
   *
   * @throws IllegalArgumentException when a sheet would pass the xlsx row limit
   */
  public static void xlsx(Map<String, Dataset<Row>> sheets, List<String> percentColumns, Path file) {
    Map<String, Dataset<Row>> ordered = new LinkedHashMap<>(sheets);
    replacing(file, out -> {
      Workbook workbook = new Workbook(out, "customer-segments", "1.0");
      for (Map.Entry<String, Dataset<Row>> sheet : ordered.entrySet()) {
        Worksheet worksheet = workbook.newWorksheet(sheet.getKey());
        String[] columns = sheet.getValue().columns();
        for (int c = 0; c < columns.length; c++) {
          worksheet.value(0, c, columns[c]);
          worksheet.style(0, c).bold().set();
        }
        worksheet.freezePane(0, 1);
        int r = 1;
        Iterator<Row> iterator = sheet.getValue().toLocalIterator();
        while (iterator.hasNext()) {
          if (r == MAX_SHEET_ROWS) {
            throw new IllegalArgumentException("sheet " + sheet.getKey() + " has more rows than xlsx holds ("
                + (MAX_SHEET_ROWS - 1) + "); export it as csv");
          }
          Row row = iterator.next();
          for (int c = 0; c < row.size(); c++) {
            cell(worksheet, r, c, row.isNullAt(c) ? null : row.get(c), percentColumns.contains(columns[c]));
          }
          // Written rows leave memory; fastexcel streams the sheet to the file.
          if (r % 10_000 == 0) {
            worksheet.flush();
          }
          r++;
        }
        worksheet.finish();
      }
      workbook.finish();
    });
  }

  private static void cell(Worksheet worksheet, int r, int c, Object value, boolean percent) throws IOException {
    if (value == null) {
      return;
    }
    if (value instanceof Number number) {
      worksheet.value(r, c, number);
      worksheet.style(r, c).format(percent ? "0.0%" : number instanceof java.math.BigDecimal ? "#,##0.00" : "#,##0.##").set();
    } else if (value instanceof java.sql.Date date) {
      worksheet.value(r, c, date.toLocalDate());
      worksheet.style(r, c).format("yyyy-mm-dd").set();
    } else {
      worksheet.value(r, c, String.valueOf(value));
    }
  }

  private interface Content {
    void write(OutputStream out) throws IOException;
  }

  private static void replacing(Path file, Content content) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path staging = file.resolveSibling("." + file.getFileName() + ".writing");
      try (OutputStream out = Files.newOutputStream(staging)) {
        content.write(out);
      }
      Files.move(staging, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A CSV field: quoted where it holds a comma, quote or line break. */
  public static String quoted(String value) {
    return value.matches("(?s).*[,\"\\r\\n].*") ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
  }
}
