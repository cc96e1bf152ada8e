using Cortex.Host;
using Cortex.Hardware.Mpi;
using Cortex.Host.Diagnostics;

StartupTrace.Mark("main entered");

var code = CortexCli.Run(args);
// A rank of mpirun must finalize MPI, or mpirun reports the job as failed; with a failure, the others are ended too.
MpiWorld.Shutdown(code);
StartupTrace.Mark("exiting");
return code;
