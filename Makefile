# beamlink: the entry points.
#   make test   all set-up on a fresh machine, then every test: unit, property, interop (live erl), Erlang-side;
#               the interop tests on OTP 25 and again on OTP 27, the interop suite (test-erlang/interop) again over TLS
#   make demo   a Java node joins a local erl node it starts, links and monitors, and shows EXIT / DOWN
#   make bench  the benchmarks, with BEAM-to-BEAM and jinterface measured in the same run
# Set-up: picks a JDK 21+ (JAVA_HOME if it is one, else the newest under /usr/lib/jvm) and installs
# Erlang/OTP from Debian's packages with apt-get when it is missing and we run as root (with ssl, public_key and crypto:
# the TLS distribution tests run erl with -proto_dist inet_tls); for the tests, a Debian trixie root with OTP 27 and
# Elixir 1.18 (make otp-root).

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := test

ERLANG_PACKAGES := erlang-base erlang-dev erlang-eunit erlang-jinterface erlang-ssl erlang-public-key erlang-crypto
JINTERFACE_JAR := /usr/share/java/OtpErlang.jar
MVN_FLAGS := -B -q --no-transfer-progress -Dstyle.color=never

# The newest JDK 21+ : JAVA_HOME when it is 21 or newer, else the newest under /usr/lib/jvm.
define find_jdk
major() { "$$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'; }; \
if [ -n "$${JAVA_HOME:-}" ] && [ -x "$$JAVA_HOME/bin/javac" ] && [ "$$(major "$$JAVA_HOME")" -ge 21 ] 2>/dev/null; then \
  echo "$$JAVA_HOME"; exit 0; fi; \
best=""; best_major=0; \
for jdk in /usr/lib/jvm/*; do \
  [ -x "$$jdk/bin/javac" ] || continue; m=$$(major "$$jdk"); \
  if [ -n "$$m" ] && [ "$$m" -ge 21 ] && [ "$$m" -gt "$$best_major" ]; then best="$$jdk"; best_major="$$m"; fi; \
done; \
echo "$$best"
endef
JDK := $(shell $(find_jdk))
export JAVA_HOME := $(JDK)
export PATH := $(JDK)/bin:$(PATH)
# Maven's own guava touches sun.misc.Unsafe, which JDK 23+ warns about on every run.
JDK_MAJOR := $(shell [ -n "$(JDK)" ] && "$(JDK)/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
export MAVEN_OPTS := $(if $(filter-out 21 22,$(JDK_MAJOR)),--sun-misc-unsafe-memory-access=allow) $(MAVEN_OPTS)

.PHONY: test unit interop demo bench deps jdk erlang otp-root build erlang-test clean

jdk:
	@if [ -z "$(JDK)" ]; then \
	  echo "beamlink needs a JDK 21 or newer: set JAVA_HOME to one, or install one under /usr/lib/jvm" \
	       "(for example Debian's openjdk-21-jdk or a Temurin 21+)." >&2; exit 1; fi
	@echo "JDK: $(JDK)"

# The JDK the build uses, for scripts that run Java themselves (bench/run-java).
jdk-home:
	@[ -n "$(JDK)" ] && echo "$(JDK)"

erlang:
	@missing=""; \
	for tool in erl erlc epmd; do command -v $$tool >/dev/null || missing="yes"; done; \
	[ -f "$(JINTERFACE_JAR)" ] || missing="yes"; \
	if [ -z "$$missing" ] && ! erl -noshell -eval \
	    'halt(case lists:all(fun(App) -> is_list(code:lib_dir(App)) end, [ssl, public_key, crypto]) of true -> 0; false -> 1 end).'; then \
	  missing="yes"; fi; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing Erlang/OTP from Debian's packages: $(ERLANG_PACKAGES)"; \
	    apt-get update -qq >/dev/null; \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(ERLANG_PACKAGES) >/dev/null; \
	  else \
	    echo "beamlink's tests need Erlang/OTP 25+ (erl, erlc, epmd; the ssl, public_key and crypto applications for" \
	         "distribution over TLS) and jinterface ($(JINTERFACE_JAR))." >&2; \
	    echo "Install Debian's packages: sudo apt-get install $(ERLANG_PACKAGES)" >&2; exit 1; \
	  fi; \
	fi
	@echo "Erlang/OTP: $$(erl -noshell -eval 'io:put_chars(erlang:system_info(otp_release)), halt().')"

# OTP 27 and Elixir 1.18 for the tests, beside the host's OTP 25: a Debian trixie root that the launcher runs them in
# with chroot (test-erlang/otp-root says how and why). Built once, about half a minute, and cached in
# $BEAMLINK_ROOT_CACHE (default /var/cache/beamlink/otp-roots); needs root privileges, as chroot does.
otp-root:
	@echo "OTP 27 and Elixir 1.18: $$(test-erlang/otp-root build)"

deps: jdk erlang

build: deps
	mvn $(MVN_FLAGS) package -DskipTests

test: deps otp-root
	@rm -rf */target/surefire-reports test-erlang/*/target/surefire-reports target/surefire-reports
	@status=0; mvn $(MVN_FLAGS) verify || status=$$?; \
	.ci/test-summary || status=1; exit $$status
	@$(MAKE) --no-print-directory erlang-test

# One kind of test alone: `make unit` (no live erl or epmd) or `make interop` (the tests tagged interop, against
# live erl and epmd nodes; then the Erlang-side suites).
unit: deps
	@rm -rf */target/surefire-reports test-erlang/*/target/surefire-reports target/surefire-reports
	@status=0; mvn $(MVN_FLAGS) verify -DexcludedGroups=interop || status=$$?; \
	.ci/test-summary || status=1; exit $$status

interop: deps otp-root
	@rm -rf */target/surefire-reports test-erlang/*/target/surefire-reports target/surefire-reports
	@status=0; mvn $(MVN_FLAGS) verify -Dgroups=interop -Dsurefire.failIfNoSpecifiedTests=false || status=$$?; \
	.ci/test-summary || status=1; exit $$status
	@$(MAKE) --no-print-directory erlang-test

# The Erlang-side suites in test-erlang/src/test/erlang, each run by EUnit on a live erl. A suite that needs a Java
# node (java_node_tests) starts its own epmd and erl, and dev.beamlink.interop.JavaPeer with $$JAVA_HOME/bin/java on
# BEAMLINK_CLASSPATH: the node module's test classes and classes, and the class path the Maven build wrote.
erlang-test:
	@[ -f src/target/test-classpath.txt ] || { echo "src/target/test-classpath.txt is missing:" \
	  "run the Maven build first (make test does)" >&2; exit 1; }
	@out=$$(mktemp -d); trap 'rm -rf "$$out"' EXIT; \
	erlc -o "$$out" test-erlang/src/main/erlang/*.erl test-erlang/src/test/erlang/*.erl; \
	mods=$$(cd test-erlang/src/test/erlang && ls *_tests.erl | sed 's/\.erl$$//' | paste -sd, -); \
	echo "Erlang-side tests: $$mods"; \
	BEAMLINK_CLASSPATH="$(CURDIR)/src/target/test-classes:$(CURDIR)/src/target/classes:$$(cat src/target/test-classpath.txt)" \
	erl -noshell -pa "$$out" -eval "case eunit:test([$$mods], []) of ok -> halt(0); _ -> halt(1) end."

# The demo is in the node module's test sources (beside the launcher it starts epmd and erl with): it builds that
# module and what it needs, then runs dev.beamlink.demo.Demo on the test class path Maven wrote.
demo: deps
	@echo "Building the node module..."
	@log=$$(mvn $(MVN_FLAGS) -pl src -am package -DskipTests 2>&1) || { echo "$$log" >&2; exit 1; }
	@"$(JDK)/bin/java" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
	  -cp "src/target/test-classes:src/target/classes:$$(cat src/target/test-classpath.txt)" dev.beamlink.demo.Demo

bench: build
	@bench/run

clean:
	mvn $(MVN_FLAGS) clean
