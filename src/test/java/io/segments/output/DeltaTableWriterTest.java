package io.segments.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DeltaTableWriterTest {

  @Test
  void aSnapshotHasOneFilePer250kRowsInWholeWavesOfTheCoresOnceEachFileGets10kRows() {
    assertEquals(1, DeltaTableWriter.files(1, 2), "a one-row table");
    assertEquals(1, DeltaTableWriter.files(19_999, 2), "too few rows to share");
    assertEquals(2, DeltaTableWriter.files(20_000, 2));
    assertEquals(2, DeltaTableWriter.files(105_000, 2), "the 1M benchmark's customers on 2 cores");
    assertEquals(10, DeltaTableWriter.files(105_000, 16), "10,000 rows or more per file");
    assertEquals(6, DeltaTableWriter.files(1_050_000, 2), "one per 250,000 rows, 3 per core");
    assertEquals(64, DeltaTableWriter.files(100_000_000, 2), "at most 64 for readers");
    assertEquals(96, DeltaTableWriter.files(100_000_000, 96), "but every core works");
    assertEquals(1, DeltaTableWriter.files(19_999, 96));
  }
}
