package io.segments.cli;

import io.segments.job.JobRunRecord;
import picocli.CommandLine.IVersionProvider;

final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    return JobRunRecord.versions().entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toArray(String[]::new);
  }
}
