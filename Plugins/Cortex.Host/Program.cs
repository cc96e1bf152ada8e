using Cortex.Host;

return CortexCli.Run(args);
