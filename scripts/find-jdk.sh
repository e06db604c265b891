#!/usr/bin/env bash
# Sourced by ./earshot and .ci/run: exports JAVA_HOME pointing at a JDK >= 21.
# Order: JAVA_HOME if it is new enough, then the usual install places, newest first.

earshot_java_major() {
  local java_bin="$1/bin/java"
  [ -x "$java_bin" ] || return 1
  "$java_bin" -XshowSettings:properties -version 2>&1 |
    sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}

earshot_find_jdk() {
  local minimum=21 candidate major best="" best_major=0
  if [ -n "${JAVA_HOME:-}" ]; then
    major=$(earshot_java_major "$JAVA_HOME" || true)
    if [ -n "$major" ] && [ "$major" -ge "$minimum" ]; then
      export PATH="$JAVA_HOME/bin:$PATH"
      return 0
    fi
  fi
  for candidate in /usr/lib/jvm/* /opt/java/* /opt/jdk* /usr/local/lib/jvm/* \
    "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/* \
    /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -d "$candidate" ] || continue
    [ -x "$candidate/bin/javac" ] || continue
    major=$(earshot_java_major "$candidate" || true)
    [ -n "$major" ] || continue
    if [ "$major" -ge "$minimum" ] && [ "$major" -gt "$best_major" ]; then
      best="$candidate"
      best_major="$major"
    fi
  done
  if [ -z "$best" ]; then
    echo "earshot: no JDK ${minimum}+ found (JAVA_HOME=${JAVA_HOME:-unset})." >&2
    echo "earshot: install one, e.g. 'apt-get install openjdk-21-jdk-headless' or Temurin 21/25," >&2
    echo "earshot: or point JAVA_HOME at it." >&2
    return 1
  fi
  export JAVA_HOME="$best"
  export PATH="$JAVA_HOME/bin:$PATH"
}
