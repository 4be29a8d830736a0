package io.segments.config;

import com.typesafe.config.Config;

/**
 * The quality gates of a run.
 *
 * @param maxRejectedShare rejected lines / (accepted + rejected) above which the run fails; 1 = off
 * @param minAcceptedLines fewest accepted lines a run needs
 * @param minCustomerShareOfPrevious fewest customers as a share of the previous complete snapshot's; 0 = off
 */
public record QualityConfig(double maxRejectedShare, long minAcceptedLines, double minCustomerShareOfPrevious) {

  static QualityConfig from(Config c) {
    return new QualityConfig(
        ConfValues.share(c, "quality.max-rejected-share"),
        ConfValues.atLeast(c, "quality.min-accepted-lines", 0),
        ConfValues.shareOrZero(c, "quality.min-customer-share-of-previous"));
  }
}
