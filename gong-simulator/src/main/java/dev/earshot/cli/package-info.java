/**
 * The one command-line parser of Earshot's tools ({@code ./earshot local}, {@code simulator},
 * {@code bench}). It lives in the gong-simulator module because that is the lowest module every
 * tool already depends on (the simulator is plain JDK); it depends on nothing.
 */
package dev.earshot.cli;
