// The judge's Java harness: a small JSON reader and writer, typed
// conversion by the signature's type strings, a watchdog thread on the main
// thread's CPU time. The judge appends class MrCall (the problem's return
// type as RET, and call, which converts one test's input and calls the
// candidate's method) to this file; the candidate's code is Solution.java.
import java.io.*;
import java.lang.management.*;
import java.lang.reflect.Array;
import java.nio.charset.StandardCharsets;
import java.util.*;

class ListNode {
    int val;
    ListNode next;
    ListNode() {}
    ListNode(int val) { this.val = val; }
    ListNode(int val, ListNode next) { this.val = val; this.next = next; }
}

class TreeNode {
    int val;
    TreeNode left;
    TreeNode right;
    TreeNode() {}
    TreeNode(int val) { this.val = val; }
    TreeNode(int val, TreeNode left, TreeNode right) { this.val = val; this.left = left; this.right = right; }
}

public class Main {
    static String marker;
    static long limitMS;
    static PrintStream chan;
    static volatile long current = -1, startNS;
    static ThreadMXBean mx;
    static long mainId;
    // at is a design test's call in progress (its index in operations), -1
    // outside one; Raw is MrCall's result when it is JSON already.
    static int at = -1;

    static final class Raw {
        final String s;
        Raw(String s) { this.s = s; }
    }

    static final class P {
        final String s; int p;
        P(String s) { this.s = s; }
        void ws() { while (p < s.length() && Character.isWhitespace(s.charAt(p))) p++; }
        Object parse() {
            ws();
            char c = s.charAt(p);
            if (c == 'n') { p += 4; return null; }
            if (c == 't') { p += 4; return Boolean.TRUE; }
            if (c == 'f') { p += 5; return Boolean.FALSE; }
            if (c == '"') return str();
            if (c == '[') {
                List<Object> a = new ArrayList<>(); p++; ws();
                if (s.charAt(p) == ']') { p++; return a; }
                for (;;) { a.add(parse()); ws(); if (s.charAt(p++) == ']') return a; }
            }
            if (c == '{') {
                Map<String, Object> m = new HashMap<>(); p++; ws();
                if (s.charAt(p) == '}') { p++; return m; }
                for (;;) { ws(); String k = str(); ws(); p++; m.put(k, parse()); ws(); if (s.charAt(p++) == '}') return m; }
            }
            int st = p;
            while (p < s.length() && "+-0123456789.eE".indexOf(s.charAt(p)) >= 0) p++;
            String n = s.substring(st, p);
            if (n.indexOf('.') < 0 && n.indexOf('e') < 0 && n.indexOf('E') < 0) return Long.parseLong(n);
            return Double.parseDouble(n);
        }
        String str() {
            StringBuilder b = new StringBuilder(); p++;
            while (s.charAt(p) != '"') {
                char c = s.charAt(p++);
                if (c != '\\') { b.append(c); continue; }
                char e = s.charAt(p++);
                switch (e) {
                    case 'n': b.append('\n'); break; case 't': b.append('\t'); break; case 'r': b.append('\r'); break;
                    case 'b': b.append('\b'); break; case 'f': b.append('\f'); break;
                    case 'u': b.append((char) Integer.parseInt(s.substring(p, p + 4), 16)); p += 4; break;
                    default: b.append(e);
                }
            }
            p++;
            return b.toString();
        }
    }

    static Class<?> cls(String t) {
        if (t.endsWith("[]")) return Array.newInstance(cls(t.substring(0, t.length() - 2)), 0).getClass();
        switch (t) {
            case "int": return int.class; case "long": return long.class; case "double": return double.class;
            case "bool": return boolean.class; case "char": return char.class; case "string": return String.class;
            case "ListNode": return ListNode.class; default: return TreeNode.class;
        }
    }

    static Object in(Object v, String t) {
        if (t.endsWith("[]")) {
            if (v == null) return null;
            String e = t.substring(0, t.length() - 2);
            List<?> l = (List<?>) v;
            Object arr = Array.newInstance(cls(e), l.size());
            for (int i = 0; i < l.size(); i++) Array.set(arr, i, in(l.get(i), e));
            return arr;
        }
        switch (t) {
            case "int": return v == null ? 0 : ((Number) v).intValue();
            case "long": return v == null ? 0L : ((Number) v).longValue();
            case "double": return v == null ? 0.0 : ((Number) v).doubleValue();
            case "bool": return v != null && (Boolean) v;
            case "char": { String s = (String) v; return s == null || s.isEmpty() ? (char) 0 : s.charAt(0); }
            case "string": return v;
            case "ListNode": {
                List<?> l = (List<?>) v; ListNode head = null;
                for (int i = l.size() - 1; i >= 0; i--) head = new ListNode(((Number) l.get(i)).intValue(), head);
                return head;
            }
            default: {
                List<?> l = (List<?>) v;
                if (l.isEmpty() || l.get(0) == null) return null;
                TreeNode root = new TreeNode(((Number) l.get(0)).intValue());
                List<TreeNode> q = new ArrayList<>(); q.add(root); int i = 1;
                for (int k = 0; k < q.size() && i < l.size(); k++) {
                    TreeNode n = q.get(k);
                    if (l.get(i) != null) { n.left = new TreeNode(((Number) l.get(i)).intValue()); q.add(n.left); }
                    i++;
                    if (i < l.size() && l.get(i) != null) { n.right = new TreeNode(((Number) l.get(i)).intValue()); q.add(n.right); }
                    i++;
                }
                return root;
            }
        }
    }

    static void str(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') b.append("\\\""); else if (c == '\\') b.append("\\\\");
            else if (c == '\n') b.append("\\n"); else if (c == '\t') b.append("\\t"); else if (c == '\r') b.append("\\r");
            else if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
            else b.append(c);
        }
        b.append('"');
    }

    static void out(StringBuilder b, Object v, String t) {
        if (v instanceof Raw) { b.append(((Raw) v).s); return; }
        if (v == null) { b.append(t.equals("ListNode") || t.equals("TreeNode") ? "[]" : "null"); return; }
        if (t.endsWith("[]")) {
            String e = t.substring(0, t.length() - 2);
            b.append('[');
            if (v instanceof Iterable) {
                boolean first = true;
                for (Object x : (Iterable<?>) v) { if (!first) b.append(','); first = false; out(b, x, e); }
            } else {
                int n = Array.getLength(v);
                for (int i = 0; i < n; i++) { if (i > 0) b.append(','); out(b, Array.get(v, i), e); }
            }
            b.append(']');
            return;
        }
        switch (t) {
            case "int": case "long": b.append(((Number) v).longValue()); return;
            case "double": { double d = ((Number) v).doubleValue(); if (Double.isNaN(d) || Double.isInfinite(d)) b.append("null"); else b.append(d); return; }
            case "bool": b.append(((Boolean) v) ? "true" : "false"); return;
            case "char": str(b, String.valueOf((char) (Character) v)); return;
            case "string": str(b, (String) v); return;
            case "ListNode": {
                b.append('['); int n = 0;
                for (ListNode l = (ListNode) v; l != null; l = l.next) {
                    if (++n > 1000000) throw new IllegalStateException("the returned list is too long or has a cycle");
                    if (n > 1) b.append(','); b.append(l.val);
                }
                b.append(']'); return;
            }
            default: {
                List<TreeNode> q = new ArrayList<>(); q.add((TreeNode) v);
                List<String> parts = new ArrayList<>();
                for (int k = 0; k < q.size(); k++) {
                    if (q.size() > 2000000) throw new IllegalStateException("the returned tree is too large or has a cycle");
                    TreeNode n = q.get(k);
                    if (n == null) { parts.add("null"); continue; }
                    parts.add(Integer.toString(n.val)); q.add(n.left); q.add(n.right);
                }
                while (!parts.isEmpty() && parts.get(parts.size() - 1).equals("null")) parts.remove(parts.size() - 1);
                b.append('[').append(String.join(",", parts)).append(']');
            }
        }
    }

    static synchronized void emit(String json) {
        chan.print("\n" + marker + json + "\n");
        chan.flush();
    }

    static void begin(long i) { startNS = mx.getThreadCpuTime(mainId); current = i; }
    static void end() { current = -1; }

    static String trace(Throwable e) {
        StringBuilder b = new StringBuilder();
        for (StackTraceElement f : e.getStackTrace()) {
            if ("Solution.java".equals(f.getFileName())) b.append("\tat ").append(f).append('\n');
        }
        return b.length() == 0 ? "" : e + "\n" + b;
    }

    public static void main(String[] argv) throws Exception {
        chan = new PrintStream(new FileOutputStream(FileDescriptor.out), false, "UTF-8");
        PrintStream realErr = System.err;
        String data = new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
        @SuppressWarnings("unchecked") Map<String, Object> input = (Map<String, Object>) new P(data).parse();
        marker = (String) input.get("marker");
        limitMS = ((Number) input.get("time_limit_ms")).longValue();
        List<?> tests = (List<?>) input.get("tests");
        mx = ManagementFactory.getThreadMXBean();
        mainId = Thread.currentThread().getId();
        Thread dog = new Thread(() -> {
            for (;;) {
                try { Thread.sleep(10); } catch (InterruptedException e) { return; }
                long i = current;
                if (i >= 0 && mx.getThreadCpuTime(mainId) - startNS > limitMS * 1000000L) {
                    emit("{\"t\":\"result\",\"i\":" + i + ",\"ok\":false,\"verdict\":\"time_limit\",\"error\":\"Time limit exceeded\",\"ms\":" + limitMS + "}");
                    Runtime.getRuntime().halt(0);
                }
            }
        });
        dog.setDaemon(true);
        dog.start();
        emit("{\"t\":\"ready\"}");
        for (int i = 0; i < tests.size(); i++) {
            ByteArrayOutputStream so = new ByteArrayOutputStream(), se = new ByteArrayOutputStream();
            System.setOut(new PrintStream(so, true, "UTF-8"));
            System.setErr(new PrintStream(se, true, "UTF-8"));
            StringBuilder ev = new StringBuilder("{\"t\":\"result\",\"i\":").append(i);
            long t0 = System.nanoTime(), c0 = mx.getThreadCpuTime(mainId);
            at = -1;
            try {
                @SuppressWarnings("unchecked") Object res = MrCall.call(i, (Map<String, Object>) tests.get(i));
                StringBuilder o = new StringBuilder();
                try {
                    out(o, res, MrCall.RET);
                    ev.append(",\"ok\":true,\"out\":").append(o);
                } catch (RuntimeException e) {
                    ev.append(",\"ok\":false,\"verdict\":\"runtime_error\",\"error\":");
                    str(ev, "the returned value is not valid: " + e.getMessage());
                }
            } catch (OutOfMemoryError e) {
                end();
                ev.append(",\"ok\":false,\"verdict\":\"memory_limit\",\"error\":\"java.lang.OutOfMemoryError\"");
            } catch (Throwable e) {
                end();
                ev.append(",\"ok\":false,\"verdict\":\"runtime_error\",\"error\":");
                str(ev, e.toString());
                ev.append(",\"trace\":");
                str(ev, trace(e));
                if (at >= 0) ev.append(",\"call\":").append(at);
            }
            double ms = (System.nanoTime() - t0) / 1e6, cpu = (mx.getThreadCpuTime(mainId) - c0) / 1e6;
            System.out.flush(); System.err.flush();
            System.setErr(realErr);
            ev.append(",\"ms\":").append(ms).append(",\"cpu_ms\":").append(cpu).append(",\"stdout\":");
            String sos = so.toString("UTF-8"), ses = se.toString("UTF-8");
            str(ev, sos.length() > 65536 ? sos.substring(0, 65536) : sos);
            ev.append(",\"stderr\":");
            str(ev, ses.length() > 65536 ? ses.substring(0, 65536) : ses);
            ev.append('}');
            emit(ev.toString());
        }
        emit("{\"t\":\"done\"}");
        Runtime.getRuntime().halt(0);
    }
}
