package dev.vigil.linux;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The Linux errno values Vigil meets, with their symbolic names and the short text
 * {@code strerror(3)} prints (x86-64 and arm64 numbering, from the kernel's
 * {@code include/uapi/asm-generic/errno-base.h} and {@code errno.h}).
 *
 * <p>Errno numbers form an open set; {@link #nameOf(int)} and {@link #describe(int)}
 * give a readable answer for numbers outside this table too ({@code "errno 200"}).
 */
public enum Errno {
    EPERM(1, "Operation not permitted"),
    ENOENT(2, "No such file or directory"),
    ESRCH(3, "No such process"),
    EINTR(4, "Interrupted system call"),
    EIO(5, "Input/output error"),
    ENXIO(6, "No such device or address"),
    E2BIG(7, "Argument list too long"),
    EBADF(9, "Bad file descriptor"),
    EAGAIN(11, "Resource temporarily unavailable"),
    ENOMEM(12, "Cannot allocate memory"),
    EACCES(13, "Permission denied"),
    EFAULT(14, "Bad address"),
    EBUSY(16, "Device or resource busy"),
    EEXIST(17, "File exists"),
    ENODEV(19, "No such device"),
    ENOTDIR(20, "Not a directory"),
    EINVAL(22, "Invalid argument"),
    ENFILE(23, "Too many open files in system"),
    EMFILE(24, "Too many open files"),
    ENOSPC(28, "No space left on device"),
    EPIPE(32, "Broken pipe"),
    ERANGE(34, "Numerical result out of range"),
    ENOSYS(38, "Function not implemented"),
    ENOTSOCK(88, "Socket operation on non-socket"),
    EDESTADDRREQ(89, "Destination address required"),
    EMSGSIZE(90, "Message too long"),
    EPROTOTYPE(91, "Protocol wrong type for socket"),
    ENOPROTOOPT(92, "Protocol not available"),
    EPROTONOSUPPORT(93, "Protocol not supported"),
    ESOCKTNOSUPPORT(94, "Socket type not supported"),
    EOPNOTSUPP(95, "Operation not supported"),
    EAFNOSUPPORT(97, "Address family not supported by protocol"),
    EADDRINUSE(98, "Address already in use"),
    EADDRNOTAVAIL(99, "Cannot assign requested address"),
    ENETDOWN(100, "Network is down"),
    ENETUNREACH(101, "Network is unreachable"),
    ECONNRESET(104, "Connection reset by peer"),
    ENOBUFS(105, "No buffer space available"),
    ENOTCONN(107, "Transport endpoint is not connected"),
    ETIMEDOUT(110, "Connection timed out"),
    ECONNREFUSED(111, "Connection refused"),
    EHOSTUNREACH(113, "No route to host"),
    EALREADY(114, "Operation already in progress"),
    EINPROGRESS(115, "Operation now in progress");

    private static final Map<Integer, Errno> BY_CODE = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(Errno::code, Function.identity()));

    private final int code;
    private final String text;

    Errno(int code, String text) {
        this.code = code;
        this.text = text;
    }

    /** The positive errno number. */
    public int code() {
        return code;
    }

    /** The {@code strerror} text, e.g. "Operation not permitted". */
    public String text() {
        return text;
    }

    /** True when {@code errno} is this value. */
    public boolean is(int errno) {
        return errno == code;
    }

    /** The table entry for a number, if this table has it. */
    public static Optional<Errno> of(int code) {
        return Optional.ofNullable(BY_CODE.get(code));
    }

    /** "EPERM" for 1; "errno 200" for numbers outside the table. */
    public static String nameOf(int code) {
        Errno errno = BY_CODE.get(code);
        return errno == null ? "errno " + code : errno.name();
    }

    /** "EPERM (Operation not permitted)"; "errno 200" for numbers outside the table. */
    public static String describe(int code) {
        Errno errno = BY_CODE.get(code);
        return errno == null ? "errno " + code : errno.name() + " (" + errno.text + ")";
    }
}
