package dev.slipway.desktop.ui.logpane;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.core.log.OutputStream;
import dev.slipway.core.log.Phase;
import org.junit.jupiter.api.Test;

class LogPaneViewModelTest {

    private static LogLine out(long seq, String text) {
        return new LogLine(seq, Phase.BUILD, OutputStream.STDOUT, text);
    }

    private static LogLine err(long seq, String text) {
        return new LogLine(seq, Phase.BUILD, OutputStream.STDERR, text);
    }

    @Test
    void showsOfferedLinesOnlyAfterDrain() {
        LogPaneViewModel vm = new LogPaneViewModel();
        vm.offer(out(1, "a"));
        vm.offer(out(2, "b"));
        assertThat(vm.lines()).isEmpty();

        assertThat(vm.drain()).isTrue();

        assertThat(vm.lines()).extracting(LogLine::raw).containsExactly("a", "b");
        assertThat(vm.lineCountTextProperty().get()).isEqualTo("2 lines");
        assertThat(vm.drain()).isFalse();
    }

    @Test
    void keepsOnlyTheNewestLinesPastTheCapAndCountsTheRest() {
        LogPaneViewModel vm = new LogPaneViewModel(1000);
        for (int i = 1; i <= 700; i++) {
            vm.offer(out(i, "line " + i));
        }
        vm.drain();
        for (int i = 701; i <= 2500; i++) {
            vm.offer(out(i, "line " + i));
        }
        vm.drain();

        assertThat(vm.lines()).hasSize(1000);
        assertThat(vm.lines().get(0).raw()).isEqualTo("line 1501");
        assertThat(vm.lines().get(999).raw()).isEqualTo("line 2500");
        assertThat(vm.totalLinesProperty().get()).isEqualTo(2500);
        assertThat(vm.hiddenLinesProperty().get()).isEqualTo(1500);
        assertThat(vm.lineCountTextProperty().get()).isEqualTo("2,500 lines");
        assertThat(vm.archivedMarkerProperty().get())
                .startsWith("1,500 earlier lines are not shown here");
    }

    @Test
    void pausesFollowWhenScrolledUpAndResumesAtBottom() {
        LogPaneViewModel vm = new LogPaneViewModel();
        assertThat(vm.followTailProperty().get()).isTrue();

        vm.userScrolled(false);
        assertThat(vm.followTailProperty().get()).isFalse();
        vm.offer(out(1, "more"));
        vm.drain();
        assertThat(vm.followTailProperty().get()).as("new lines do not resume following").isFalse();

        vm.userScrolled(true);
        assertThat(vm.followTailProperty().get()).isTrue();
    }

    @Test
    void findsNextAndPreviousMatchIgnoringCaseAndEscapesWrappingAround() {
        LogPaneViewModel vm = new LogPaneViewModel();
        vm.offer(out(1, "compiling"));
        vm.offer(out(2, "\u001b[33mWarning\u001b[0m: big chunk"));
        vm.offer(out(3, "done"));
        vm.offer(out(4, "warning again"));
        vm.drain();
        vm.searchTextProperty().set("warning");

        vm.findNext();
        assertThat(vm.focusedIndexProperty().get()).isEqualTo(1);
        assertThat(vm.followTailProperty().get()).isFalse();
        vm.findNext();
        assertThat(vm.focusedIndexProperty().get()).isEqualTo(3);
        vm.findNext();
        assertThat(vm.focusedIndexProperty().get()).isEqualTo(1);
        vm.findPrevious();
        assertThat(vm.focusedIndexProperty().get()).isEqualTo(3);
        assertThat(vm.searchStatusProperty().get()).isEqualTo("line 4");

        vm.searchTextProperty().set("nowhere");
        vm.findNext();
        assertThat(vm.searchStatusProperty().get()).isEqualTo("No match");
    }

    @Test
    void firstErrorIsTheFirstLineSayingErrorElseFirstStderr() {
        LogPaneViewModel vm = new LogPaneViewModel();
        vm.offer(out(1, "> build"));
        vm.offer(err(2, "npm warn deprecated x"));
        vm.offer(out(3, "\u001b[31merror\u001b[0m during build:"));
        vm.offer(out(4, "Error: again"));
        vm.drain();
        assertThat(vm.firstErrorIndex()).isEqualTo(2);

        LogPaneViewModel noWord = new LogPaneViewModel();
        noWord.offer(out(1, "> build"));
        noWord.offer(err(2, "something broke"));
        noWord.drain();
        assertThat(noWord.firstErrorIndex()).isEqualTo(1);

        noWord.revealFirstError();
        assertThat(noWord.focusedIndexProperty().get()).isEqualTo(1);
        assertThat(noWord.followTailProperty().get()).isFalse();
    }

    @Test
    void copiesPlainTextOfSelectionInOrderAndAll() {
        LogPaneViewModel vm = new LogPaneViewModel();
        vm.offer(out(1, "\u001b[32mone\u001b[0m"));
        vm.offer(out(2, "two"));
        vm.offer(out(3, "three"));
        vm.drain();

        assertThat(vm.textOf(java.util.List.of(2, 0))).isEqualTo("one\nthree\n");
        assertThat(vm.allText()).isEqualTo("one\ntwo\nthree\n");
    }

    @Test
    void clearEmptiesEverythingForTheNextLog() {
        LogPaneViewModel vm = new LogPaneViewModel();
        vm.offer(out(1, "x"));
        vm.drain();
        vm.userScrolled(false);
        vm.offer(out(2, "queued but not drained"));

        vm.clear();
        vm.drain();

        assertThat(vm.lines()).isEmpty();
        assertThat(vm.totalLinesProperty().get()).isZero();
        assertThat(vm.followTailProperty().get()).isTrue();
    }

    @Test
    void inboxDropsOldestPastCapacityAndCountsThem() {
        LogInbox inbox = new LogInbox(3);
        for (int i = 1; i <= 5; i++) {
            inbox.offer(out(i, "l" + i));
        }
        LogInbox.Batch batch = inbox.take();
        assertThat(batch.lines()).extracting(LogLine::seq).containsExactly(3L, 4L, 5L);
        assertThat(batch.dropped()).isEqualTo(2);
        assertThat(inbox.take().isEmpty()).isTrue();
    }
}
