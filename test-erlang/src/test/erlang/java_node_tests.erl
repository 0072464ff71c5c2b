%% The Erlang side's proof that a beamlink Java node keeps Erlang's rules of links, monitors and exit signals
%% (src/docs/semantics.md), and that erl calls, spawns and groups its Java processes as it would Erlang ones (erpc,
%% rpc, spawn_link/4, pg), checked by BEAM processes on a live erl node: the cases are in java_node_cases.
%%
%% The suite starts everything it needs and stops it, also when a case fails:
%%   - an epmd of its own, on a free loopback port (in a shell that kills it when the suite's port closes);
%%   - a distributed erl of its own (peer, driven over its standard input and output, so that the node running
%%     EUnit need not be distributed), registered with that epmd, with the compiled test modules on its path;
%%   - the Java node, dev.beamlink.interop.JavaPeer, started with $JAVA_HOME/bin/java on $BEAMLINK_CLASSPATH (the
%%     Makefile's erlang-test target sets both from the Maven build), which stops when its standard input closes.
-module(java_node_tests).
-include_lib("eunit/include/eunit.hrl").

-define(COOKIE, "beamlink-erlang-suite").
-define(START_TIMEOUT, 60000).
-define(CASE_TIMEOUT, 60000).

-record(env, {epmd, epmd_port, peer, java_command, java_port, java_os_pid, java_node}).

java_node_test_() ->
    {setup, fun start/0, fun stop/1,
     fun(Env) ->
             [case_test(Env, Case) || Case <- [link_to_java_gets_exit_when_java_fails, link_is_idempotent,
                                                link_to_dead_java_pid_gives_noproc, java_link_to_erl_process,
                                                trapping_java_gets_exit_messages, exit_into_java,
                                                monitor_java_pid, monitor_java_name, monitor_nothing_gives_noproc,
                                                demonitor_flush, owner_need_not_trap,
                                                unlink_while_java_exit_in_flight,
                                                java_unlink_while_erl_exit_in_flight, call_exported_function,
                                                call_failures_as_otp_reports_them, spawn_java_processes,
                                                java_processes_in_pg_groups, look_inside_the_java_node,
                                                gen_server_call_and_cast_into_java, sys_on_a_java_gen_server,
                                                a_java_gen_server_crash_as_erl_sees_it]]
                 ++ [{setup, fun() -> start_java(Env, "java_goes_down_" ++ os:getpid()) end, fun stop_java/1,
                      fun(GoesDown) -> [case_test(GoesDown, nodedown_when_java_stops)] end}]
     end}.

%% Runs one case of java_node_cases on the suite's erl node, against the Java node.
case_test(#env{peer = Peer, java_node = Java}, Case) ->
    {atom_to_list(Case), {timeout, ?CASE_TIMEOUT div 1000,
                          fun() -> ?assertEqual(ok, peer:call(Peer, java_node_cases, Case, [Java], ?CASE_TIMEOUT)) end}}.

%% ---- set-up and tear-down

start() ->
    Classpath = required_env("BEAMLINK_CLASSPATH", "the Java node's class path (run the Maven build first)"),
    Java = filename:join([required_env("JAVA_HOME", "a JDK 21+"), "bin", "java"]),
    {Epmd, EpmdPort} = start_epmd(),
    try
        Unique = integer_to_list(erlang:unique_integer([positive])) ++ "_" ++ os:getpid(),
        {ok, Peer, _ErlNode} = peer:start_link(#{name => "erl_suite_" ++ Unique, host => "localhost", longnames => false,
                                               connection => standard_io,
                                               args => ["-start_epmd", "false", "-setcookie", ?COOKIE, "-pa", filename:dirname(code:which(?MODULE)),
                                                        "-kernel", "inet_dist_use_interface", "{127,0,0,1}"],
                                               env => [{"ERL_EPMD_PORT", integer_to_list(EpmdPort)}]}),
        Env = #env{epmd = Epmd, epmd_port = EpmdPort, peer = Peer, java_command = {Java, Classpath}},
        start_java(Env, "java_suite_" ++ Unique)
    catch
        Class:Reason:Stack ->
            port_close(Epmd),
            erlang:raise(Class, Reason, Stack)
    end.

stop(#env{epmd = Epmd, peer = Peer} = Env) ->
    stop_java(Env),
    peer:stop(Peer),
    port_close(Epmd).

required_env(Name, What) ->
    case os:getenv(Name) of
        Value when is_list(Value), Value =/= "" -> Value;
        _ -> error({missing_environment_variable, Name, What})
    end.

%% A Java node named Name@localhost on the suite's epmd; it prints "java peer up" once registered.
start_java(#env{epmd_port = EpmdPort, java_command = {Java, Classpath}} = Env, Name) ->
    Node = list_to_atom(Name ++ "@localhost"),
    Port = open_port({spawn_executable, Java},
                     [{args, ["-cp", Classpath, "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                              "dev.beamlink.interop.JavaPeer", atom_to_list(Node), integer_to_list(EpmdPort), ?COOKIE]},
                      {line, 4096}, exit_status, stderr_to_stdout, use_stdio]),
    {os_pid, OsPid} = erlang:port_info(Port, os_pid),
    await_line(Port, "java peer up", erlang:monotonic_time(millisecond) + ?START_TIMEOUT),
    Env#env{java_port = Port, java_os_pid = OsPid, java_node = Node}.

await_line(Port, Line, Deadline) ->
    receive
        {Port, {data, {eol, Line}}} -> ok;
        {Port, {data, {_, Other}}} -> io:format(user, "java: ~ts~n", [Other]), await_line(Port, Line, Deadline);
        {Port, {exit_status, Status}} -> error({java_node_ended, Status})
    after max(0, Deadline - erlang:monotonic_time(millisecond)) ->
            {os_pid, OsPid} = erlang:port_info(Port, os_pid),
            os:cmd("kill -9 " ++ integer_to_list(OsPid)),
            error(java_node_did_not_start)
    end.

%% Closes the Java node's standard input, which ends it (unless a case stopped it already), and waits for it to end.
stop_java(#env{java_port = Port, java_os_pid = OsPid}) ->
    catch port_close(Port),
    await_os_exit(OsPid, erlang:monotonic_time(millisecond) + 10000).

await_os_exit(OsPid, Deadline) ->
    case os:cmd("kill -0 " ++ integer_to_list(OsPid) ++ " 2>&1") of
        [] ->
            case erlang:monotonic_time(millisecond) > Deadline of
                true -> os:cmd("kill -9 " ++ integer_to_list(OsPid)), ok;
                false -> timer:sleep(50), await_os_exit(OsPid, Deadline)
            end;
        _ -> ok
    end.

%% An epmd on a free loopback port, in a shell that kills it as soon as the port to the shell closes (the
%% shell's standard input ends): so it never outlives the suite.
start_epmd() ->
    Epmd = os:find_executable("epmd"),
    {ok, Probe} = gen_tcp:listen(0, [{ip, loopback}]),
    {ok, PortNumber} = inet:port(Probe),
    gen_tcp:close(Probe),
    Command = Epmd ++ " -port " ++ integer_to_list(PortNumber) ++ " -address 127.0.0.1 & pid=$!; read _; kill $pid",
    Shell = open_port({spawn_executable, "/bin/sh"}, [{args, ["-c", Command]}, use_stdio, exit_status]),
    await_listening(PortNumber, erlang:monotonic_time(millisecond) + 10000),
    {Shell, PortNumber}.

%% Ready once it answers a NAMES_REQ (110).
await_listening(PortNumber, Deadline) ->
    Answer = case gen_tcp:connect({127, 0, 0, 1}, PortNumber, [binary, {active, false}]) of
                 {ok, Socket} ->
                     ok = gen_tcp:send(Socket, <<1:16, 110>>),
                     Received = gen_tcp:recv(Socket, 4, 5000),
                     gen_tcp:close(Socket),
                     Received;
                 Error ->
                     Error
             end,
    case Answer of
        {ok, <<PortNumber:32>>} -> ok;
        _ ->
            case erlang:monotonic_time(millisecond) > Deadline of
                true -> error({epmd_did_not_start, PortNumber});
                false -> timer:sleep(20), await_listening(PortNumber, Deadline)
            end
    end.
