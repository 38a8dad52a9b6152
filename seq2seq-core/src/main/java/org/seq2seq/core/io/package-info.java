/**
 * File-system helpers for writes that must never be seen half done: a crash leaves either the
 * old state or the new one.
 */
package org.seq2seq.core.io;
