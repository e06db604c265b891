package dev.earshot.kit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names a service on its application class. Its configuration then lives in {@code <name>.yaml}
 * (and {@code <name>-<profile>.yaml}) instead of {@code application.yaml}, so several services can
 * share one classpath — as they do in {@code ./earshot local} — without reading each other's
 * settings.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface EarshotService {

  /** The service name, e.g. {@code ingest-service}; also its config file's base name. */
  String value();

  /** The title of its OpenAPI document, e.g. "Earshot ingest API"; empty: the service name. */
  String title() default "";

  /** What its API is for, one paragraph (Markdown), shown at the top of its OpenAPI document. */
  String description() default "";
}
