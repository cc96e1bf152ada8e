using System.Runtime.InteropServices;

namespace Cortex.Hardware.Mpi.Native;

/// <summary>
/// The few Open MPI entry points Cortex needs, bound by hand. MPI.NET 1.4.0 (the package feed's version) binds
/// <c>msmpi.dll</c> and MS-MPI's integer handles, so it cannot load Open MPI on Linux without its native shim rebuilt from
/// source. Open MPI's handles are pointers to global symbols (<c>ompi_mpi_comm_world</c>, <c>ompi_mpi_int</c>, …), looked
/// up here with <see cref="NativeLibrary.GetExport"/>. The library is opened with RTLD_GLOBAL first, because Open MPI's
/// components (dlopened by libmpi) resolve their symbols against it.
/// </summary>
internal static unsafe class OpenMpi
{
    /// <summary>The shared library of Debian's Open MPI 4 (package libopenmpi3).</summary>
    public const string LibraryName = "libmpi.so.40";

    private const int RtldNow = 2;
    private const int RtldGlobal = 0x100;

    private static nint _library;

    public static delegate* unmanaged<int*, nint, int> Init;
    public static delegate* unmanaged<int*, int> Initialized;
    public static delegate* unmanaged<int*, int> Finalized;
    public static delegate* unmanaged<int> Finalize;
    public static delegate* unmanaged<nint, int*, int> CommRank;
    public static delegate* unmanaged<nint, int*, int> CommSize;
    public static delegate* unmanaged<nint, int, int> Abort;
    public static delegate* unmanaged<nint, nint, int> CommSetErrhandler;
    public static delegate* unmanaged<void*, int, nint, void*, int, nint, nint, nint*, int> Iallgather;
    public static delegate* unmanaged<void*, int, nint, void*, int*, int*, nint, nint, nint*, int> Iallgatherv;
    public static delegate* unmanaged<void*, void*, int, nint, nint, nint, nint*, int> Iallreduce;
    public static delegate* unmanaged<nint, nint*, int> Ibarrier;
    public static delegate* unmanaged<nint*, int*, nint, int> Test;

    /// <summary>MPI_COMM_WORLD.</summary>
    public static nint CommWorld { get; private set; }

    /// <summary>MPI_INT.</summary>
    public static nint Int { get; private set; }

    /// <summary>MPI_BYTE.</summary>
    public static nint Byte { get; private set; }

    /// <summary>MPI_LONG_LONG.</summary>
    public static nint LongLong { get; private set; }

    /// <summary>MPI_FLOAT.</summary>
    public static nint Float { get; private set; }

    /// <summary>MPI_DOUBLE.</summary>
    public static nint Double { get; private set; }

    /// <summary>MPI_SUM.</summary>
    public static nint Sum { get; private set; }

    /// <summary>MPI_MIN.</summary>
    public static nint Min { get; private set; }

    /// <summary>MPI_MAX.</summary>
    public static nint Max { get; private set; }

    /// <summary>MPI_ERRORS_RETURN.</summary>
    public static nint ErrorsReturn { get; private set; }

    /// <summary>Loads the library and its symbols; false (with the reason) when Open MPI is not installed.</summary>
    public static bool TryLoad(out string problem)
    {
        problem = "";
        if (_library != 0) return true;
        // CORTEX_MPI_LIBRARY points at another Open MPI 4 build (a cluster's module) instead of Debian's.
        var name = Environment.GetEnvironmentVariable("CORTEX_MPI_LIBRARY") is { Length: > 0 } custom ? custom : LibraryName;
        var handle = DlOpen(name, RtldNow | RtldGlobal);
        if (handle == 0)
        {
            problem = $"cannot load {name} ({Marshal.PtrToStringUTF8(DlError()) ?? "not found"}); install Open MPI (apt-get install openmpi-bin libopenmpi-dev)";
            return false;
        }
        _library = handle;
        nint F(string name) => NativeLibrary.GetExport(handle, name);
        Init = (delegate* unmanaged<int*, nint, int>)F("MPI_Init");
        Initialized = (delegate* unmanaged<int*, int>)F("MPI_Initialized");
        Finalized = (delegate* unmanaged<int*, int>)F("MPI_Finalized");
        Finalize = (delegate* unmanaged<int>)F("MPI_Finalize");
        CommRank = (delegate* unmanaged<nint, int*, int>)F("MPI_Comm_rank");
        CommSize = (delegate* unmanaged<nint, int*, int>)F("MPI_Comm_size");
        Abort = (delegate* unmanaged<nint, int, int>)F("MPI_Abort");
        CommSetErrhandler = (delegate* unmanaged<nint, nint, int>)F("MPI_Comm_set_errhandler");
        Iallgather = (delegate* unmanaged<void*, int, nint, void*, int, nint, nint, nint*, int>)F("MPI_Iallgather");
        Iallgatherv = (delegate* unmanaged<void*, int, nint, void*, int*, int*, nint, nint, nint*, int>)F("MPI_Iallgatherv");
        Iallreduce = (delegate* unmanaged<void*, void*, int, nint, nint, nint, nint*, int>)F("MPI_Iallreduce");
        Ibarrier = (delegate* unmanaged<nint, nint*, int>)F("MPI_Ibarrier");
        Test = (delegate* unmanaged<nint*, int*, nint, int>)F("MPI_Test");
        CommWorld = F("ompi_mpi_comm_world");
        Int = F("ompi_mpi_int");
        Byte = F("ompi_mpi_byte");
        LongLong = F("ompi_mpi_long_long_int");
        Float = F("ompi_mpi_float");
        Double = F("ompi_mpi_double");
        Sum = F("ompi_mpi_op_sum");
        Min = F("ompi_mpi_op_min");
        Max = F("ompi_mpi_op_max");
        ErrorsReturn = F("ompi_mpi_errors_return");
        return true;
    }

    [DllImport("libc", EntryPoint = "dlopen")]
    private static extern nint DlOpen([MarshalAs(UnmanagedType.LPUTF8Str)] string file, int mode);

    [DllImport("libc", EntryPoint = "dlerror")]
    private static extern nint DlError();
}
