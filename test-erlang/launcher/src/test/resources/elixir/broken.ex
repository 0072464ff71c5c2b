# Does not compile: the launcher's tests check that the compiler's message reaches Java.
defmodule Broken do
  def oops(, do: :never
end
