package io.lakesync.examples.portal.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.util.Map;

/** The portal's jte templates, compiled at build time (jte-maven-plugin) into their own package. */
final class Templates {

    static final String PACKAGE = "io.lakesync.examples.portal.jte";

    private final TemplateEngine engine = TemplateEngine.createPrecompiled(null, ContentType.Html,
            Templates.class.getClassLoader(), PACKAGE);

    /** @param name the template's path under src/main/jte, like {@code partials/kpis.jte} */
    String render(String name, Map<String, Object> params) {
        StringOutput out = new StringOutput(8192);
        engine.render(name, params, out);
        return out.toString();
    }
}
