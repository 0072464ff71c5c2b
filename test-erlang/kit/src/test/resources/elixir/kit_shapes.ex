# The kit's tests load this on Elixir nodes: a struct, the Elixir terms a Java node should read as the terms they
# are, and a process that checks that they come back from Java intact.
defmodule KitShapes.Circle do
  defstruct radius: 1.0, label: nil
end

defmodule KitShapes do
  def samples do
    [
      "héllo, wörld",
      ~c"charlist",
      :ok,
      KitShapes.Circle,
      nil,
      true,
      [name: "circle", sides: 0],
      %{"key" => 1, atom_key: [1, 2, 3]},
      %KitShapes.Circle{radius: 2.5, label: :big},
      {:tuple, 1, -2, 3.5},
      12_345_678_901_234_567_890
    ]
  end

  # Sends the samples to the Java mailbox `to` and answers what comes back: :same or {:different, term}.
  def round_trip(to) do
    send(to, {:samples, self(), samples()})

    receive do
      {:back, terms} -> if terms === samples(), do: :same, else: {:different, terms}
    after
      10_000 -> :timeout
    end
  end
end
