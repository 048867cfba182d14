package dev.vigil.conf.bind;

import dev.vigil.common.diag.Diagnostics;
import dev.vigil.common.diag.SourcePosition;
import dev.vigil.conf.model.GlobalDefs;
import dev.vigil.conf.model.IpRoute;
import dev.vigil.conf.model.IpRule;
import dev.vigil.conf.model.KeepalivedConfig;
import dev.vigil.conf.model.SslContext;
import dev.vigil.conf.model.TrackFile;
import dev.vigil.conf.model.VirtualIpAddress;
import dev.vigil.conf.model.VirtualServer;
import dev.vigil.conf.model.VirtualServerGroup;
import dev.vigil.conf.model.VrrpInstance;
import dev.vigil.conf.model.VrrpScript;
import dev.vigil.conf.model.VrrpSyncGroup;
import dev.vigil.conf.model.VsgEntry;
import dev.vigil.conf.tree.ConfNode;
import dev.vigil.conf.tree.Word;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Binds a keepalived block tree to a {@link KeepalivedConfig}: every keyword goes through
 * the keyword tables, then each record is completed with keepalived's defaults, inheritance
 * and validation. Never throws on bad input: each problem is a diagnostic at the offending
 * word, saying what is used instead (FATAL: the config cannot run, keepalived {@code -t}
 * exit 3; ERROR: a value was replaced or dropped, exit 4; WARNING: unknown keyword or
 * deprecated form; NOTE: accepted without effect in Vigil).
 *
 * <p>The grammar is built once per binder and never changes, so a binder may be shared.
 */
public final class ConfigBinder {

    private final Grammar grammar = Grammar.keepalived();

    /** Binds {@code tree} (the top-level lines of the file), reporting problems to {@code diagnostics}. */
    public KeepalivedConfig bind(List<ConfNode> tree, Diagnostics diagnostics) {
        BindContext context = new BindContext(grammar, diagnostics);
        SourcePosition start = tree.isEmpty() ? SourcePosition.of("<config>", 1, 1) : tree.getFirst().position();
        BlockState root = new BlockState(Grammar.ROOT, ConfNode.block(new Word("", start), List.of(), tree));
        context.bindLines(tree, grammar.require(Grammar.ROOT), root);

        GlobalDefs globals = GlobalDefsAssembler.build(root, root.list(GlobalKeywords.GLOBAL_DEFS, BlockState.class));
        VrrpTrackingAssembler tracking = new VrrpTrackingAssembler(context);
        List<VrrpScript> scripts = tracking.scripts(root.list(VrrpKeywords.SCRIPT, BlockState.class));
        List<TrackFile> trackFiles = tracking.trackFiles(root.list(VrrpKeywords.TRACK_FILE, BlockState.class));
        Set<String> scriptNames = scripts.stream().map(VrrpScript::name).collect(Collectors.toSet());
        Set<String> fileNames = trackFiles.stream().map(TrackFile::name).collect(Collectors.toSet());
        List<BlockState> groupBlocks = root.list(VrrpKeywords.SYNC_GROUP, BlockState.class);
        List<VrrpInstance> instances = instances(root, globals, groupBlocks, tracking, scriptNames, fileNames, context);
        List<VrrpSyncGroup> syncGroups = tracking.syncGroups(groupBlocks,
                instances.stream().map(VrrpInstance::name).collect(Collectors.toSet()), scriptNames, fileNames);
        Map<String, SourcePosition> instancePositions = new HashMap<>();
        root.list(VrrpKeywords.INSTANCE, BlockState.class)
                .forEach(b -> instancePositions.putIfAbsent(b.name(), b.nameWord().position()));
        instances = new TrackerWeightRules(context, scripts, trackFiles).apply(instances, syncGroups,
                instancePositions);

        Map<String, VirtualServerGroup> vsgs = virtualServerGroups(root, context);
        VirtualServerAssembler servers = new VirtualServerAssembler(context, globals, vsgs,
                new CheckerAssembler(context, fileNames));
        List<VirtualServer> virtualServers = new ArrayList<>();
        for (BlockState vs : root.list(VirtualServerKeywords.VIRTUAL_SERVER, BlockState.class)) {
            servers.build(vs).ifPresent(virtualServers::add);
        }
        return new KeepalivedConfig(globals, scripts, trackFiles, syncGroups, instances,
                root.list("static_ipaddress", VirtualIpAddress.class), root.list("static_routes", IpRoute.class),
                root.list("static_rules", IpRule.class), ssl(root), List.copyOf(vsgs.values()), virtualServers,
                context.noEffectKeywords());
    }

    /**
     * Every keyword table by block name ({@code root}, {@code global_defs}, {@code vrrp_instance},
     * {@code real_server}, {@code HTTP_GET.url}, ...), in installation order: the source for
     * generated keyword documentation.
     */
    public Map<String, List<KeywordInfo>> keywordTables() {
        return grammar.describe();
    }

    private static List<VrrpInstance> instances(BlockState root, GlobalDefs globals, List<BlockState> groupBlocks,
                                                VrrpTrackingAssembler tracking, Set<String> scriptNames,
                                                Set<String> fileNames, BindContext context) {
        boolean smtpAlert = globals.smtpAlertVrrp().or(globals::smtpAlert).orElse(false);
        VrrpInstanceAssembler assembler = new VrrpInstanceAssembler(globals.vrrp(), smtpAlert, context);
        Map<String, Boolean> groupNotify = VrrpTrackingAssembler.groupPriorityNotify(groupBlocks);
        List<VrrpInstance> instances = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Map<String, VrrpInstance> byVrid = new HashMap<>();
        for (BlockState b : root.list(VrrpKeywords.INSTANCE, BlockState.class)) {
            if (b.name().isEmpty()) {
                context.error(b.node().keyword(), "vrrp_instance needs a name; ignoring it");
                continue;
            }
            if (!names.add(b.name())) {
                context.error(b.nameWord(), "vrrp_instance " + b.name() + " is defined twice; ignoring this one");
                continue;
            }
            Optional<VrrpInstance> built = assembler.build(b, Optional.ofNullable(groupNotify.get(b.name())),
                    tracking.knownScripts(b, scriptNames), tracking.knownFiles(b, fileNames));
            built.ifPresent(instance -> {
                String key = instance.interfaceName().orElse("") + "/" + instance.family() + "/"
                        + instance.virtualRouterId() + "/" + instance.unicast();
                VrrpInstance other = byVrid.putIfAbsent(key, instance);
                if (other != null && !instance.unicast()) {
                    context.error(b.where("virtual_router_id"), "(" + instance.name() + ") VRID "
                            + instance.virtualRouterId() + " is already used by " + other.name() + " on the same "
                            + "interface and address family");
                }
                instances.add(instance);
            });
        }
        return instances;
    }

    private static Map<String, VirtualServerGroup> virtualServerGroups(BlockState root, BindContext context) {
        Map<String, VirtualServerGroup> groups = new LinkedHashMap<>();
        for (BlockState g : root.list(VirtualServerKeywords.VSG, BlockState.class)) {
            List<VsgEntry> entries = g.list("entries", VsgEntry.class);
            if (entries.isEmpty()) {
                context.error(g.nameWord(), "virtual_server_group " + g.name() + " has no entries; removing it");
            } else if (groups.containsKey(g.name())) {
                context.error(g.nameWord(), "virtual_server_group " + g.name() + " is defined twice; "
                        + "ignoring this one");
            } else {
                groups.put(g.name(), new VirtualServerGroup(g.name(), entries));
            }
        }
        return groups;
    }

    private static Optional<SslContext> ssl(BlockState root) {
        List<BlockState> blocks = root.list(VirtualServerKeywords.SSL, BlockState.class);
        if (blocks.isEmpty()) {
            return Optional.empty();
        }
        BlockState s = blocks.getLast();
        return Optional.of(new SslContext(s.get("password", String.class), s.get("ca", String.class),
                s.get("certificate", String.class), s.get("key", String.class)));
    }
}
