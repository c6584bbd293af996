package dev.ghcrdashboard.simulator;

/** Escaping for the simulator's own pages: scenario text is untrusted (the demo even carries script tags). */
final class Html {

    private Html() {
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    static String page(String title, String body) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escape(title) + "</title>"
                + "<style>body{font-family:system-ui,sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem;color:#1f2328}"
                + "button{padding:.4rem .9rem;margin:.2rem;border-radius:6px;border:1px solid #d0d7de;background:#f6f8fa;cursor:pointer}"
                + "button.primary{background:#1f883d;color:#fff}button.danger{background:#cf222e;color:#fff}"
                + ".box{border:1px solid #d0d7de;border-radius:6px;padding:1rem;margin:1rem 0}.danger-zone{border-color:#cf222e}"
                + "code{background:#f6f8fa;padding:.1rem .3rem}</style></head><body>" + body + "</body></html>";
    }
}
