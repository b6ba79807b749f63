/**
 * The {@code parley.*} key space: each key is declared once, as a {@link dev.parley.core.config.ConfigKey} with type,
 * default, unit and doc, in its module's {@code XxxConfiguration}. {@link dev.parley.core.config.ConfigLoader}
 * resolves defaults &lt; {@code --config} file &lt; environment &lt; {@code -Dparley.*} once at start-up, on the main
 * thread; nothing reads config after start.
 */
package dev.parley.core.config;
