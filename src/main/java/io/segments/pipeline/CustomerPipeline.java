package io.segments.pipeline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The customer path as an ordered list of stages over the customer features, like an MLlib Pipeline:
 * {@link #check} proves without data that every stage finds what it reads and adds nothing twice;
 * {@link #fit} fits each stage on the output of the stages before it.
 *
 * @param features the columns the stages start from
 * @param stages in the order they run
 */
public record CustomerPipeline(List<String> features, List<CustomerStage> stages) {

  public CustomerPipeline {
    features = List.copyOf(features);
    stages = List.copyOf(stages);
  }

  /**
   * The columns after the last stage, in order, once each stage has checked what it reads.
   *
   * @throws IllegalStateException when a stage adds a column that exists already
   */
  public List<String> check() {
    Set<String> columns = new LinkedHashSet<>(features);
    for (CustomerStage stage : stages) {
      stage.checkReads(columns);
      for (String added : stage.adds()) {
        if (!columns.add(added)) {
          throw new IllegalStateException("stage " + stage.name() + " adds " + added + ", which exists already");
        }
      }
    }
    return List.copyOf(columns);
  }

  /**
   * Fits the stages in order, timing each fit under the stage's name. A stage that reads only
   * features fits on the features themselves: the stages before it add columns and keep every row
   * and value, so it learns the same, and its fit is planned and run over the cached features rather
   * than over every stage before it.
   *
   * @param features the customer features, cached: every stage that learns reads them
   */
  public Model fit(Dataset<Row> features, StageTimer timer) {
    List<FittedStage> fitted = new ArrayList<>();
    Dataset<Row> customers = features;
    int lastNeedingEarlierColumns = -1;
    for (int i = 0; i < stages.size(); i++) {
      lastNeedingEarlierColumns = needsEarlierColumns(stages.get(i)) ? i : lastNeedingEarlierColumns;
    }
    for (int i = 0; i < stages.size(); i++) {
      CustomerStage stage = stages.get(i);
      Dataset<Row> input = needsEarlierColumns(stage) ? customers : features;
      List<FittedStage> earlier = List.copyOf(fitted);
      FittedStage model = timer.time(stage.name(), () -> stage.fit(input, earlier));
      fitted.add(model);
      // Like MLlib, only what a later stage fits on is transformed here.
      if (i < lastNeedingEarlierColumns) {
        customers = addsChecked(stage, model, customers);
      }
    }
    return new Model(stages, fitted);
  }

  /** Whether the stage's fit reads rows with columns that only earlier stages add. */
  private boolean needsEarlierColumns(CustomerStage stage) {
    return stage.fitReadsRows() && !features.containsAll(stage.reads());
  }

  /** The model's transformation, checked to add exactly the columns the stage declared. */
  private static Dataset<Row> addsChecked(CustomerStage stage, FittedStage model, Dataset<Row> customers) {
    Dataset<Row> transformed = model.transform(customers);
    List<String> added = new ArrayList<>(Arrays.asList(transformed.columns()));
    added.removeAll(Arrays.asList(customers.columns()));
    boolean keptEveryColumn = transformed.columns().length == customers.columns().length + added.size();
    if (!keptEveryColumn || !new HashSet<>(added).equals(new HashSet<>(stage.adds()))) {
      throw new IllegalStateException("stage " + stage.name() + " declares " + stage.adds() + " but turned "
          + Arrays.toString(customers.columns()) + " into " + Arrays.toString(transformed.columns()));
    }
    return transformed;
  }

  /** The fitted pipeline of one snapshot. */
  public record Model(List<CustomerStage> stages, List<FittedStage> fitted) {
    public Model {
      stages = List.copyOf(stages);
      fitted = List.copyOf(fitted);
    }

    /** Adds every stage's columns to the features. */
    public Dataset<Row> transform(Dataset<Row> features) {
      Dataset<Row> customers = features;
      for (int i = 0; i < stages.size(); i++) {
        customers = addsChecked(stages.get(i), fitted.get(i), customers);
      }
      return customers;
    }

    /** The fitted stage of a type, e.g. the cluster model to save. */
    public <T extends FittedStage> T stage(Class<T> type) {
      return fitted.stream().filter(type::isInstance).map(type::cast).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("no fitted stage of type " + type.getSimpleName()));
    }

    /** Everything the stages learned, as one JSON object. */
    public String learned() {
      return fitted.stream().map(FittedStage::learned).filter(text -> !text.isEmpty())
          .collect(Collectors.joining(",", "{", "}"));
    }
  }
}
