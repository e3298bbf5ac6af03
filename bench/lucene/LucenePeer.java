// Lucene's FrenchAnalyzer (elision, French stop words, light stemmer) as a peer of Chronique.
//
//   java LucenePeer index DIR < articles.tsv   (id TAB title TAB body, one article a line)
//   java LucenePeer serve DIR tuned|or         (a query a line in, the top 10 ids a line out)
//
// Two fields: the title, and title and body together. "tuned" queries them as one sets up
// Elasticsearch for news: every query word must be in the combined field (all words ORed when
// no article has them all), and two should-clauses lift an article: its title has every word
// (x2), the words come as a phrase give or take 3 positions (x2). "or" is what Lucene's
// MultiFieldQueryParser gives by default: each word in the title (x2) or the text, words ORed.
// BM25 (Lucene's default). A snippet is made for each hit by the unified highlighter, as an
// application would.

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.store.FSDirectory;

public class LucenePeer {
    static final int TOP = 10;

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: LucenePeer index DIR | serve DIR tuned|or");
            System.exit(2);
        }
        Analyzer analyzer = new FrenchAnalyzer();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        if (args[0].equals("index")) {
            index(analyzer, in, args[1]);
        } else {
            serve(analyzer, in, args[1], args.length > 2 && args[2].equals("or"));
        }
    }

    static void index(Analyzer analyzer, BufferedReader in, String dir) throws Exception {
        IndexWriterConfig config = new IndexWriterConfig(analyzer).setRAMBufferSizeMB(256);
        try (IndexWriter writer = new IndexWriter(FSDirectory.open(Paths.get(dir)), config)) {
            String line;
            while ((line = in.readLine()) != null) {
                String[] parts = line.split("\t", 3);
                if (parts.length < 3) continue;
                Document doc = new Document();
                doc.add(new StringField("id", parts[0], Field.Store.YES));
                doc.add(new TextField("title", parts[1], Field.Store.YES));
                doc.add(new TextField("text", parts[1] + " " + parts[2], Field.Store.YES));
                writer.addDocument(doc);
            }
            writer.forceMerge(1);
        }
    }

    static void serve(Analyzer analyzer, BufferedReader in, String dir, boolean ored) throws Exception {
        IndexSearcher searcher = new IndexSearcher(DirectoryReader.open(FSDirectory.open(Paths.get(dir))));
        UnifiedHighlighter highlighter = new UnifiedHighlighter(searcher, analyzer);
        PrintStream out = new PrintStream(System.out, false, "UTF-8");
        String line;
        while ((line = in.readLine()) != null) {
            List<String> terms = new ArrayList<>();
            List<Integer> positions = new ArrayList<>();
            try (TokenStream stream = analyzer.tokenStream("text", line)) {
                CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
                PositionIncrementAttribute increment = stream.addAttribute(PositionIncrementAttribute.class);
                stream.reset();
                int position = -1;
                while (stream.incrementToken()) {
                    position += increment.getPositionIncrement();
                    terms.add(term.toString());
                    positions.add(position);
                }
                stream.end();
            }
            StringBuilder answer = new StringBuilder();
            if (!terms.isEmpty()) {
                Query query = ored ? ored(terms) : query(terms, positions, Occur.MUST);
                TopDocs top = searcher.search(query, TOP);
                if (top.totalHits.value == 0 && !ored) {
                    query = query(terms, positions, Occur.SHOULD);
                    top = searcher.search(query, TOP);
                }
                highlighter.highlight("text", query, top, 3);
                for (ScoreDoc hit : top.scoreDocs) {
                    if (answer.length() > 0) answer.append('\t');
                    answer.append(searcher.doc(hit.doc).get("id"));
                }
            }
            out.println(answer);
            out.flush();
        }
    }

    /** Each word in the title (x2) or in the text, words ORed: MultiFieldQueryParser's default. */
    static Query ored(List<String> terms) {
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        for (String term : terms) {
            BooleanQuery.Builder word = new BooleanQuery.Builder();
            word.add(new BoostQuery(new TermQuery(new Term("title", term)), 2f), Occur.SHOULD);
            word.add(new TermQuery(new Term("text", term)), Occur.SHOULD);
            query.add(word.build(), Occur.SHOULD);
        }
        return query.build();
    }

    /** Every word in the combined field (``each`` = MUST) or any (SHOULD), lifted by the title
     * having every word and by the words as a sloppy phrase. */
    static Query query(List<String> terms, List<Integer> positions, Occur each) {
        BooleanQuery.Builder words = new BooleanQuery.Builder();
        BooleanQuery.Builder title = new BooleanQuery.Builder();
        for (String term : terms) {
            words.add(new TermQuery(new Term("text", term)), each);
            title.add(new TermQuery(new Term("title", term)), Occur.MUST);
        }
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        query.add(words.build(), Occur.MUST);
        query.add(new BoostQuery(title.build(), 2f), Occur.SHOULD);
        if (terms.size() > 1) {
            PhraseQuery.Builder phrase = new PhraseQuery.Builder().setSlop(3);
            for (int i = 0; i < terms.size(); i++) {
                phrase.add(new Term("text", terms.get(i)), positions.get(i));
            }
            query.add(new BoostQuery(phrase.build(), 2f), Occur.SHOULD);
        }
        return query.build();
    }
}
