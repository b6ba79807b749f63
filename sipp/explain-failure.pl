#!/usr/bin/env perl
#
# sipp/explain-failure.pl - one line saying why a SIPp run failed, for run-suite.sh and run-registrar.sh:
# "expected <what the scenario expected> received <what came>", from SIPp's error file, message file and
# screen output.
#
#   perl sipp/explain-failure.pl ERRORS MESSAGES SCREEN SCENARIO EXIT_CODE
use strict;
use warnings;
my ($errors, $messages, $screen, $scenario, $rc) = @ARGV;
sub slurp { my $f = shift; open(my $h, "<", $f) or return ""; local $/; my $t = <$h>; return $t // ""; }
sub short { my $t = shift; $t =~ s/\s+/ /g; $t =~ s/^ | $//g; return length($t) > 120 ? substr($t, 0, 117) . "..." : $t; }
# "200 OK" for a response, the method for a request.
sub first_line { my $t = shift; $t =~ s/^\s+//; $t =~ s/[\r\n].*//s; $t =~ s/^SIP\/2\.0 //; $t =~ s/ \S+ SIP\/2\.0$//; return $t; }

# What the scenario expects at message index $i: a response code, a request method or a send.
sub step {
    my $i = shift;
    my $xml = slurp($scenario);
    $xml =~ s/<!--.*?-->//gs;
    $xml =~ s/<!\[CDATA\[\s*(\S+).*?\]\]>/ CDATA:$1 /gs;
    my @steps;
    while ($xml =~ /<(send|recv|pause|nop|timewait|sendCmd|recvCmd)\b([^>]*)>(?:\s*CDATA:(\S+))?/g) {
        my ($kind, $attrs, $sent) = ($1, $2, $3);
        my $optional = $attrs =~ /optional="true"/ ? 1 : 0;
        if ($kind eq "recv" && $attrs =~ /(?:response|request)="([^"]*)"/) { push @steps, [$1, $optional]; }
        elsif ($kind eq "send" && defined $sent) { push @steps, ["to send $sent", 0]; }
        else { push @steps, [$kind, 0]; }
    }
    return "message $i" unless defined $steps[$i];
    # an optional message may be skipped: the next one would do as well
    my $what = $steps[$i][0];
    while ($steps[$i][1] && defined $steps[$i + 1]) { $i++; $what .= " or $steps[$i][0]"; }
    return $what;
}

# Received messages as [time, start line]; times are "YYYY-MM-DD HH:MM:SS.us" (they sort as text).
my @received;
my @blocks = split /^-{10,} (\S+ \S+)[ \t]*$/m, slurp($messages);
for (my $i = 1; $i + 1 < @blocks; $i += 2) {
    push @received, [$blocks[$i], first_line($1)] if $blocks[$i + 1] =~ /message received[^\n]*\n(.*)/s;
}
# The last message received at or before a time: what SIPp was looking at when it failed.
sub last_before {
    my $at = shift;
    my $found = "nothing";
    for my $r (@received) { $found = $r->[1] if $r->[0] le $at; }
    return $found;
}

# Error events as [time, text], without the noise SIPp logs on every exit.
my @split = split /(\d{4}-\d\d-\d\d)\t([\d:.]+)\t[\d.]+: /, slurp($errors);
my @events;
for (my $i = 1; $i + 2 < @split; $i += 3) {
    my ($at, $text) = ("$split[$i] $split[$i + 1]", $split[$i + 2]);
    next if $text =~ /Failed to delete FD from epoll|Failed to shutdown socket/ || $text !~ /\S/;
    push @events, [$at, $text];
}

for my $event (@events) {
    my ($at, $e) = @$event;
    if ($e =~ /while expecting '([^']*)' \(index \d+\), received '(.*)/s) {
        print "expected $1 received " . first_line($2) . "\n";
        exit 0;
    }
    if ($e =~ /Failed regexp match: looking in '(.*)', with regexp '(.*)'\s*$/s) {
        print "expected '$2' in " . last_before($at) . " received '" . short($1) . "'\n";
        exit 0;
    }
    if ($e =~ /Regexp matched but should not: looking in '(.*)', with regexp '(.*)'\s*$/s) {
        print "expected no '$2' in " . last_before($at) . " received '" . short($1) . "'\n";
        exit 0;
    }
    if ($e =~ /Failed regexp match: header (\S+) not found in message\s*(.*)/s) {
        print "expected a $1 header in " . first_line($2) . " received none\n";
        exit 0;
    }
    if ($e =~ /receive timeout on message \S*?:(\d+)/) {
        print "expected " . step($1) . " received timeout (last received " . last_before($at) . ")\n";
        exit 0;
    }
}
my $last = @received ? $received[-1][1] : "nothing";
if (@events) {
    print "expected the scenario to complete received '" . short($events[0][1]) . "'\n";
} elsif ($rc == 124) {
    print "expected the scenario to complete received timeout (last received $last)\n";
} elsif (my ($line) = grep { /unable|error on|refused|cannot|fatal/i } split /\n/, slurp($screen)) {
    print "expected the scenario to complete received '" . short($line) . "'\n";
} else {
    print "expected the scenario to complete received sipp exit code $rc (last received $last)\n";
}
