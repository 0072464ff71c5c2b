# The Elixir side of the Elixir suite (dev.beamlink.interop.elixir.ElixirInteropTest): what an Elixir team does with
# Java processes, written as an Elixir team writes it. Each function reports to a Java mailbox with `send/2`.
defmodule Shop.Customer do
  defstruct [:name, tags: [], referrer: nil]
end

defmodule BeamlinkProbe do
  # Links to `java_pid` while trapping exits, and reports the {:EXIT, pid, reason} it gets to `report`.
  def link_and_report(java_pid, report) do
    spawn(fn ->
      Process.flag(:trap_exit, true)
      Process.link(java_pid)
      send(report, {:linked, self()})

      receive do
        {:EXIT, ^java_pid, reason} -> send(report, {:elixir_got_exit, reason})
      after
        20_000 -> send(report, :elixir_timeout)
      end
    end)
  end

  # Monitors `target` (a pid or {name, node}) and reports the :DOWN it gets.
  def monitor_and_report(target, report) do
    spawn(fn ->
      ref = Process.monitor(target)
      send(report, {:monitoring, self()})

      receive do
        {:DOWN, ^ref, :process, object, reason} -> send(report, {:elixir_got_down, object, reason})
      after
        20_000 -> send(report, :elixir_timeout)
      end
    end)
  end

  # A process that waits for {:raise, text} and raises, or :stop and ends normally.
  def worker do
    spawn(fn ->
      receive do
        {:raise, text} -> raise text
        :stop -> :ok
      end
    end)
  end

  # Sends a Shop.Customer struct to `to`, and answers whether what comes back is the same struct.
  def customer_round_trip(to) do
    customer = %Shop.Customer{name: "Ada", tags: ["vip"], referrer: nil}
    send(to, {:customer, self(), customer})

    receive do
      {:back, ^customer} -> :same
      {:back, other} -> {:different, other}
    after
      10_000 -> :timeout
    end
  end
end

defmodule Counter do
  use GenServer

  def start_link(initial), do: GenServer.start_link(__MODULE__, initial, name: __MODULE__)
  def init(initial), do: {:ok, initial}
  def handle_call({:add, n}, _from, count), do: {:reply, count + n, count + n}
  def handle_call(:count, _from, count), do: {:reply, count, count}
  def handle_cast(:reset, _count), do: {:noreply, 0}
end

defmodule Worker do
  use GenServer

  def start_link(_), do: GenServer.start_link(__MODULE__, :ok, name: __MODULE__)
  def init(:ok), do: {:ok, :working}
  def handle_call(:ping, _from, state), do: {:reply, :pong, state}
end

defmodule WorkerSupervisor do
  # A supervisor of Worker, unlinked from whoever starts it (the kit's control process).
  def start do
    {:ok, pid} = Supervisor.start_link([Worker], strategy: :one_for_one, name: __MODULE__)
    Process.unlink(pid)
    pid
  end
end
