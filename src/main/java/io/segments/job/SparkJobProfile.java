package io.segments.job;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.StageInfo;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The Spark jobs behind each stage of a run (`run --profile`, `benchmark --profile`): how many, their
 * tasks and wall time, and the slowest, named by the code that started them. The job names its Spark
 * jobs after the stage running (the job description), so nobody has to read plans to see where time
 * goes.
 */
public final class SparkJobProfile extends SparkListener {
  private static final String DESCRIPTION = "spark.job.description";
  private static final String OUTSIDE = "(outside a stage)";

  /** One Spark job: the stage it ran for, what started it, its tasks and its wall time. */
  public record Job(String stage, String callSite, int tasks, double seconds) {}

  /** A job that has started: what it is and when, in the listener bus's milliseconds. */
  private record Running(String stage, String callSite, int tasks, long startedAt) {
    Job ended(long endedAt) {
      return new Job(stage, callSite, tasks, (endedAt - startedAt) / 1e3);
    }
  }

  private final Map<Integer, Running> started = new ConcurrentHashMap<>();
  private final List<Job> finished = java.util.Collections.synchronizedList(new ArrayList<>());

  /** Listens to {@code context} until {@link #stop}. */
  public static SparkJobProfile listen(SparkContext context) {
    SparkJobProfile profile = new SparkJobProfile();
    context.addSparkListener(profile);
    return profile;
  }

  @Override
  public void onJobStart(SparkListenerJobStart start) {
    String stage = start.properties() == null ? null : start.properties().getProperty(DESCRIPTION);
    List<StageInfo> stages = CollectionConverters.asJava(start.stageInfos());
    StageInfo last = stages.stream().max(Comparator.comparingInt(StageInfo::stageId)).orElse(null);
    int tasks = stages.stream().mapToInt(StageInfo::numTasks).sum();
    started.put(start.jobId(),
        new Running(stage == null ? OUTSIDE : stage, last == null ? "?" : callSite(last), tasks, start.time()));
  }

  /**
   * The line of this project's code that started the job, else Spark's short call site; a job Spark
   * starts on a thread of its own (a query stage of adaptive execution: a shuffle or broadcast) has
   * neither.
   */
  private static String callSite(StageInfo stage) {
    for (String frame : stage.details().split("\n")) {
      if (frame.contains("io.segments.")) {
        return frame.substring(frame.indexOf('(') + 1, frame.lastIndexOf(')'));
      }
    }
    return stage.name().contains("withThreadLocalCaptured") ? "(adaptive query stage)" : stage.name();
  }

  @Override
  public void onJobEnd(SparkListenerJobEnd end) {
    Running job = started.remove(end.jobId());
    if (job != null) {
      finished.add(job.ended(end.time()));
    }
  }

  /**
   * Stops listening once the jobs started have ended (Spark delivers events on a bus of its own, a
   * little after the fact), at most after a few seconds.
   */
  public List<Job> stop(SparkContext context) throws InterruptedException {
    for (int wait = 0; wait < 50 && !started.isEmpty(); wait++) {
      Thread.sleep(100);
    }
    context.removeSparkListener(this);
    synchronized (finished) {
      return List.copyOf(finished);
    }
  }

  /** Per stage, in the order stages first ran: jobs, tasks, job seconds and the three slowest jobs. */
  public static void print(List<Job> jobs, PrintWriter out) {
    Map<String, List<Job>> byStage = new LinkedHashMap<>();
    jobs.forEach(job -> byStage.computeIfAbsent(job.stage(), stage -> new ArrayList<>()).add(job));
    out.printf("%nSpark jobs per stage (job seconds overlap when jobs run side by side):%n");
    out.printf("%-16s %6s %8s %10s  %s%n", "stage", "jobs", "tasks", "job s", "slowest jobs");
    byStage.forEach((stage, stageJobs) -> {
      List<Job> slowest = stageJobs.stream().sorted(Comparator.comparingDouble(Job::seconds).reversed()).limit(Integer.getInteger("segments.profile.slowest", 3)).toList();
      out.printf("%-16s %6d %8d %10.2f  %s%n", stage, stageJobs.size(), stageJobs.stream().mapToInt(Job::tasks).sum(),
          stageJobs.stream().mapToDouble(Job::seconds).sum(),
          String.join("; ", slowest.stream().map(job -> String.format("%s %.2f s", job.callSite(), job.seconds())).toList()));
    });
    out.flush();
  }
}
