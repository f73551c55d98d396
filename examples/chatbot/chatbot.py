"""A tiny chatbot: an embedding seq2seq over stacked LSTM cells with dropout.

  python chatbot.py --mode train --ckpt_dir /tmp/chatbot --epochs 30
  python chatbot.py --mode chat --ckpt_dir /tmp/chatbot --query "how are you"
"""

import argparse
import os
import sys

import numpy as np
import tensorflow as tf

PAD, GO, EOS, UNK = 0, 1, 2, 3


def load_data(path):
    pairs = []
    with open(path) as f:
        for line in f:
            q, a = line.rstrip("\n").split("\t")
            pairs.append((q.split(), a.split()))
    words = sorted(set(w for q, a in pairs for w in q + a))
    idx2w = ["_", "<go>", "<eos>", "<unk>"] + words
    w2idx = dict((w, i) for i, w in enumerate(idx2w))
    return pairs, idx2w, w2idx


def encode(words, w2idx, length):
    ids = [w2idx.get(w, UNK) for w in words][:length]
    return ids + [PAD] * (length - len(ids))


def to_arrays(pairs, w2idx, xseq_len, yseq_len):
    # encoder input is reversed, decoder target ends with EOS
    x = np.array([list(reversed(encode(q, w2idx, xseq_len))) for q, _ in pairs])
    y = np.array([encode(a + ["<eos>"], w2idx, yseq_len) for _, a in pairs])
    return x, y


class Seq2Seq(object):

    def __init__(self, xseq_len, yseq_len, xvocab_size, yvocab_size, emb_dim, num_layers, lr=0.01,
                 keep_prob=1.0):
        self.xseq_len = xseq_len
        self.yseq_len = yseq_len

        # placeholders
        tf.reset_default_graph()
        #  encoder inputs : list of indices of length xseq_len
        self.enc_ip = [tf.placeholder(shape=[None, ], dtype=tf.int64, name="ei_{}".format(t))
                       for t in range(xseq_len)]
        #  labels that represent the real outputs
        self.labels = [tf.placeholder(shape=[None, ], dtype=tf.int64, name="ei_{}".format(t))
                       for t in range(yseq_len)]
        #  decoder inputs : 'GO' + [ y1, y2, ... y_t-1 ]
        self.dec_ip = [tf.zeros_like(self.enc_ip[0], dtype=tf.int64, name="GO")] + self.labels[:-1]

        # Basic LSTM cell wrapped in Dropout Wrapper (a float: the cell is deep-copied)
        # feed the model's own predictions back in at chat time
        self.feed_previous = tf.placeholder(tf.bool, shape=[], name="feed_previous")
        # define the basic cell
        basic_cell = tf.contrib.rnn.DropoutWrapper(
            tf.contrib.rnn.BasicLSTMCell(emb_dim, state_is_tuple=True),
            output_keep_prob=keep_prob)
        # stack cells together : n layered model
        stacked_lstm = tf.contrib.rnn.MultiRNNCell([basic_cell] * num_layers, state_is_tuple=True)

        with tf.variable_scope("decoder"):
            self.decode_outputs, self.decode_states = tf.contrib.legacy_seq2seq.embedding_rnn_seq2seq(
                self.enc_ip, self.dec_ip, stacked_lstm, xvocab_size, yvocab_size, emb_dim,
                feed_previous=self.feed_previous)

        loss_weights = [tf.ones_like(label, dtype=tf.float32) for label in self.labels]
        self.loss = tf.contrib.legacy_seq2seq.sequence_loss(self.decode_outputs, self.labels, loss_weights)
        self.train_op = tf.train.AdamOptimizer(learning_rate=lr).minimize(self.loss)
        self.predictions = tf.stack([tf.argmax(o, axis=1) for o in self.decode_outputs], axis=1)
        self.saver = tf.train.Saver()

    def get_feed(self, x, y, feed_previous):
        feed_dict = {self.enc_ip[t]: x[:, t] for t in range(self.xseq_len)}
        feed_dict.update({self.labels[t]: y[:, t] for t in range(self.yseq_len)})
        feed_dict[self.feed_previous] = feed_previous
        return feed_dict

    def train(self, x, y, ckpt_dir, epochs, batch_size):
        sess = tf.Session()
        sess.run(tf.global_variables_initializer())
        rng = np.random.RandomState(0)
        for epoch in range(epochs):
            order = rng.permutation(len(x))
            losses = []
            for start in range(0, len(x), batch_size):
                batch = order[start:start + batch_size]
                _, loss_v = sess.run([self.train_op, self.loss],
                                     self.get_feed(x[batch], y[batch], False))
                losses.append(loss_v)
            print("epoch {} loss {:.4f}".format(epoch, np.mean(losses)))
            sys.stdout.flush()
        path = self.saver.save(sess, os.path.join(ckpt_dir, "chatbot.ckpt"), global_step=epochs)
        print("saved {}".format(path))
        return sess

    def restore_last_session(self, ckpt_dir):
        sess = tf.Session()
        ckpt = tf.train.get_checkpoint_state(ckpt_dir)
        if ckpt and ckpt.model_checkpoint_path:
            self.saver.restore(sess, ckpt.model_checkpoint_path)
            print("restored {}".format(ckpt.model_checkpoint_path))
        else:
            raise SystemExit("no checkpoint in " + ckpt_dir)
        return sess

    def predict(self, sess, x):
        y = np.zeros([len(x), self.yseq_len], dtype=np.int64)
        return sess.run(self.predictions, self.get_feed(x, y, True))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--mode", choices=["train", "chat"], default="train")
    parser.add_argument("--data", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "dialogues.txt"))
    parser.add_argument("--ckpt_dir", default="/tmp/chatbot")
    parser.add_argument("--epochs", type=int, default=30)
    parser.add_argument("--batch_size", type=int, default=5)
    parser.add_argument("--emb_dim", type=int, default=16)
    parser.add_argument("--num_layers", type=int, default=2)
    parser.add_argument("--query", default="how are you")
    args = parser.parse_args()

    tf.set_random_seed(1)
    pairs, idx2w, w2idx = load_data(args.data)
    xseq_len, yseq_len = 5, 6
    x, y = to_arrays(pairs, w2idx, xseq_len, yseq_len)
    keep_prob = 0.9 if args.mode == "train" else 1.0
    model = Seq2Seq(xseq_len, yseq_len, len(idx2w), len(idx2w), args.emb_dim, args.num_layers,
                    keep_prob=keep_prob)
    if args.mode == "train":
        if not os.path.exists(args.ckpt_dir):
            os.makedirs(args.ckpt_dir)
        model.train(x, y, args.ckpt_dir, args.epochs, args.batch_size)
    else:
        sess = model.restore_last_session(args.ckpt_dir)
        query = np.array([list(reversed(encode(args.query.split(), w2idx, xseq_len)))])
        reply = model.predict(sess, query)[0]
        print("tokens: " + " ".join(str(t) for t in reply))
        words = []
        for t in reply:
            if t == EOS:
                break
            words.append(idx2w[t])
        print("reply: " + " ".join(words))


if __name__ == "__main__":
    main()
