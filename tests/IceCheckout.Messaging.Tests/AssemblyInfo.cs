// The machine running the tests is small and shared: one broker at work at a time keeps them steady.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
