using Xunit;

// Each test launches several processes (mpirun ranks) on a 2-core machine; running them one at a time keeps them fast
// and keeps the dead-rank test's waits meaningful.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
