/**
 * The library's set-up of the ND4J runtime it runs on: native thread counts chosen for the
 * machine and JavaCPP's memory check, so that programs embedding the library translate and train
 * as fast as the command line without any set-up of their own.
 */
package org.seq2seq.core.runtime;
