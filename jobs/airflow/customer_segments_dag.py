"""The nightly segmentation run as an Airflow DAG (apache-airflow-providers-apache-spark).

The run of a day's interval writes the snapshot dated at the interval's end: history strictly before
that date. Backfills (`airflow dags backfill`) therefore reproduce past snapshots. Exit code 2 (bad
input or configuration) is not worth retrying; the task's retries are for exit code 1. Spark's own launcher adds the Java 17 module
flags (--add-opens) to driver and executors, so none are set here.
"""
from datetime import datetime, timedelta

from airflow import DAG
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

JAR = "/opt/customer-segments/customer-segments-app.jar"
CONF = "/etc/customer-segments/nightly.conf"
with DAG(
    dag_id="customer_segments_nightly",
    schedule="30 2 * * *",
    start_date=datetime(2026, 1, 1),
    catchup=False,
    max_active_runs=1,  # never two runs of the same table set at once
    default_args={"retries": 1, "retry_delay": timedelta(minutes=15)},
    tags=["segments"],
) as dag:
    SparkSubmitOperator(
        task_id="run",
        conn_id="spark_default",  # points at the cluster: spark://..., yarn or k8s://...
        application=JAR,
        java_class="io.segments.cli.SegmentCli",
        application_args=["run", "--as-of", "{{ data_interval_end | ds }}", "--conf", CONF],
        # Spark's generated code for the widest stages passes HotSpot's 8,000-byte limit; see README, Benchmark.
        conf={
            "spark.driver.extraJavaOptions": "-XX:-DontCompileHugeMethods",
            "spark.executor.extraJavaOptions": "-XX:-DontCompileHugeMethods",
        },
    )
