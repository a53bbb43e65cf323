#!/bin/bash
# Writes APP_DIR/app-cds.jsa, an application class-data sharing archive (JDK 17 dynamic AppCDS).
#
#   appcds.sh APP_DIR JVM_OPTIONS_FILE
#
# Runs the application once with the JVM options it is deployed with: simulated backend, one target
# that is behind with on-new-ami=notify, so it starts, checks once, notifies and exits. The JVM
# then writes every class it loaded into the archive. A start with
# -XX:SharedArchiveFile=APP_DIR/app-cds.jsa maps those classes instead of reading, verifying and
# linking them again.
#
# The archive only fits the JVM build that wrote it and the jars at the same paths, unchanged.
# Otherwise the JVM silently starts without any shared archive (not even the JDK's own), so the
# archive is made where it is used: in the image build (Dockerfile) and by StartupBench. The JVM
# is $JAVA_HOME/bin/java, or java on the PATH.
set -euo pipefail
app=$(cd "$1" && pwd)
options=$2
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
rm -f "$app/app-cds.jsa"
"$java" "@$options" -XX:ArchiveClassesAtExit="$app/app-cds.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off \
  -Doperator.backend=simulated -Doperator.store.kind=memory \
  -Doperator.targets.training.cluster=training -Doperator.targets.training.auto-scaling-group=training \
  -Doperator.targets.training.ami=amazon-linux-2023 -Doperator.targets.training.on-new-ami=notify \
  -Doperator.simulation.exit-when-idle=true -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port=0 \
  -jar "$app/quarkus-run.jar"
test -s "$app/app-cds.jsa"
