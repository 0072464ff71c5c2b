# A module the launcher's tests compile and load on an Elixir node.
defmodule Greeter do
  defstruct name: "world", greeting: :hello

  def greet(%Greeter{name: name, greeting: greeting}), do: "#{greeting}, #{name}"
end
