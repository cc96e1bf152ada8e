using Cortex.Host;
using Cortex.Hardware.Mpi;

var code = CortexCli.Run(args);
// A rank of mpirun must finalize MPI, or mpirun reports the job as failed; with a failure, the others are ended too.
MpiWorld.Shutdown(code);
return code;
