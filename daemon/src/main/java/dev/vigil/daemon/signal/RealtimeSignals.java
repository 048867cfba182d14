package dev.vigil.daemon.signal;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Optional;

/**
 * Handlers for POSIX real-time signals (SIGRTMIN+2, SIGRTMAX-1), which neither
 * {@code sun.misc.Signal} nor {@code jdk.internal.misc.Signal} accept by name on JDK 25: both
 * look names up in HotSpot's table of classic signals and throw "Unknown signal" for
 * "RTMIN+2", "RTMAX-1", "36" or "63" (checked on Temurin 25).
 *
 * <p>The JVM's own machinery still works for these numbers: the native registration of
 * {@code jdk.internal.misc.Signal} takes a number, HotSpot's pending-signal table covers every
 * signal up to 64, and the JVM's signal-dispatcher thread calls {@code Signal.dispatch(number)},
 * which looks the number up in two tables. This class registers the number natively and fills
 * both tables through reflection, so the callback runs on a JVM-created Java thread, exactly as
 * for {@code sun.misc.Signal}.
 *
 * <p>That needs {@code --add-opens java.base/jdk.internal.misc=ALL-UNNAMED} on the java
 * command line (or {@code Add-Opens: java.base/jdk.internal.misc} in an executable JAR's
 * manifest). Without it {@link #unavailabilityCause()} says so and nothing is installed.
 * <strong>Then {@code kill -36} or {@code kill -63} terminates the JVM</strong>: the default
 * action of a real-time signal is to end the process, and Java cannot ignore a signal without
 * native code.
 *
 * <p>This depends on private details of JDK 25's {@code jdk.internal.misc.Signal} (the
 * {@code handle0} native, the {@code signals} and {@code handlers} tables, the final
 * {@code number} field); {@link #unavailabilityCause()} checks that they exist. JDKs that
 * restrict final-field mutation by reflection (JEP 500) may need that allowed for Vigil too.
 */
final class RealtimeSignals {

    private static final String PACKAGE = "jdk.internal.misc";
    private static final String SIGNAL_CLASS = PACKAGE + ".Signal";
    /** jdk.internal.misc.Signal's native-handler code for "dispatch to the Java handler". */
    private static final long JAVA_HANDLER = 2;
    /** Native handler codes that are not Java handlers: SIG_DFL and SIG_IGN. */
    private static final long SIG_DFL = 0;
    private static final long SIG_IGN = 1;
    /** Any classic name, to construct a Signal object whose number is then set. */
    private static final String TEMPLATE_NAME = "USR2";

    private RealtimeSignals() {
    }

    /** Why real-time signals cannot be handled in this JVM, or empty when they can. */
    static Optional<String> unavailabilityCause() {
        if (!Object.class.getModule().isOpen(PACKAGE, RealtimeSignals.class.getModule())) {
            return Optional.of("java.base does not open " + PACKAGE + " to Vigil; start the JVM with"
                    + " --add-opens java.base/" + PACKAGE + "=ALL-UNNAMED");
        }
        try {
            Class<?> signal = Class.forName(SIGNAL_CLASS);
            signal.getDeclaredMethod("handle0", int.class, long.class);
            signal.getDeclaredField("signals");
            signal.getDeclaredField("handlers");
            signal.getDeclaredField("number");
            return Optional.empty();
        } catch (ReflectiveOperationException e) {
            return Optional.of("this JDK's " + SIGNAL_CLASS + " differs from JDK 25's: " + e);
        }
    }

    /** An installed real-time handler; {@link #restore()} puts the previous disposition back. */
    interface Registration {
        void restore();
    }

    /**
     * Routes signal {@code number} to {@code callback} (called on a JVM signal-handler thread).
     * Call only when {@link #unavailabilityCause()} is empty.
     *
     * @throws IllegalStateException when the JVM refuses the signal (in use by the VM) or reflection fails
     */
    static Registration install(DaemonSignal daemonSignal, Runnable callback) {
        try {
            Class<?> signalClass = Class.forName(SIGNAL_CLASS);
            Object signal = newSignal(signalClass, daemonSignal);
            Object handler = handlerProxy(daemonSignal, callback);
            Map<Object, Object> signals = table(signalClass, "signals");
            Map<Object, Object> handlers = table(signalClass, "handlers");
            // Tables first, so a signal arriving right after the native registration finds its handler.
            signals.put(daemonSignal.number(), signal);
            handlers.put(signal, handler);
            long previous = handle0(signalClass, daemonSignal.number(), JAVA_HANDLER);
            if (previous == -1) {
                handlers.remove(signal);
                signals.remove(daemonSignal.number());
                throw new IllegalStateException("the JVM refused SIG" + daemonSignal.signalName());
            }
            return () -> {
                long restored = previous == SIG_IGN ? SIG_IGN : SIG_DFL;
                try {
                    handle0(signalClass, daemonSignal.number(), restored);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot restore SIG" + daemonSignal.signalName(), e);
                } finally {
                    handlers.remove(signal);
                    signals.remove(daemonSignal.number());
                }
            };
        } catch (ReflectiveOperationException | RuntimeException e) {
            if (e instanceof IllegalStateException state) {
                throw state;
            }
            throw new IllegalStateException("cannot install SIG" + daemonSignal.signalName() + ": " + e, e);
        }
    }

    /** A jdk.internal.misc.Signal.Handler that runs {@code callback}. */
    private static Object handlerProxy(DaemonSignal daemonSignal, Runnable callback) throws ClassNotFoundException {
        Class<?> handlerType = Class.forName(SIGNAL_CLASS + "$Handler");
        return Proxy.newProxyInstance(handlerType.getClassLoader(), new Class<?>[] {handlerType},
                (proxy, method, args) -> switch (method.getName()) {
                    case "handle" -> {
                        callback.run();
                        yield null;
                    }
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "vigil handler for SIG" + daemonSignal.signalName();
                    default -> null;
                });
    }

    private static Object newSignal(Class<?> signalClass, DaemonSignal daemonSignal)
            throws ReflectiveOperationException {
        Constructor<?> constructor = signalClass.getConstructor(String.class);
        Object signal = constructor.newInstance(TEMPLATE_NAME);
        Field number = signalClass.getDeclaredField("number");
        number.setAccessible(true);
        number.setInt(signal, daemonSignal.number());
        Field name = signalClass.getDeclaredField("name");
        name.setAccessible(true);
        name.set(signal, daemonSignal.signalName());
        return signal;
    }

    @SuppressWarnings("unchecked")
    private static Map<Object, Object> table(Class<?> signalClass, String field) throws ReflectiveOperationException {
        Field table = signalClass.getDeclaredField(field);
        table.setAccessible(true);
        return (Map<Object, Object>) table.get(null);
    }

    private static long handle0(Class<?> signalClass, int number, long nativeHandler)
            throws ReflectiveOperationException {
        Method handle0 = signalClass.getDeclaredMethod("handle0", int.class, long.class);
        handle0.setAccessible(true);
        try {
            return (long) handle0.invoke(null, number, nativeHandler);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("native registration of signal " + number + " failed", e.getCause());
        }
    }
}
