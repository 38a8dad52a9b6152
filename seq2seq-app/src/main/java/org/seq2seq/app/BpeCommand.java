package org.seq2seq.app;

import picocli.CommandLine.Command;

/** {@code seq2seq bpe}: subword codes for this tool and for others, in subword-nmt's formats. */
@Command(name = "bpe", mixinStandardHelpOptions = true,
        description = "Byte-pair encoding as subword-nmt does it: learn codes, apply them, join subwords back.",
        subcommands = {BpeLearnCommand.class, BpeApplyCommand.class, BpeJoinCommand.class})
final class BpeCommand {
}
